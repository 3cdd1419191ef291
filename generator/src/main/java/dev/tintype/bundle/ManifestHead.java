package dev.tintype.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tintype.format.layout.Sha256;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * What an export needs of a manifest besides its entries: its repo, type and date, and its size and
 * sha256, read in one pass without holding it (a large PyPI mirror's is hundreds of MB).
 */
public record ManifestHead(
    String repo, String type, String date, int packages, long size, String sha256) {
  private static final JsonFactory JSON = new JsonFactory();

  static ManifestHead read(Storage storage, String key) throws IOException {
    return read(storage.open(key), key);
  }

  /**
   * Reads the manifest in {@code raw} (closed after) to its end; {@code key} names it in errors.
   */
  public static ManifestHead read(InputStream raw, String key) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    Map<String, String> head = new HashMap<>();
    int packages = -1;
    try (raw;
        Counting in = new Counting(new DigestInputStream(raw, sha))) {
      try (JsonParser p = JSON.createParser(in)) {
        p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException(key + ": invalid manifest: expected an object");
        }
        while ((head.size() < 3 || packages < 0) && p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (name.equals("packages") && t == JsonToken.VALUE_NUMBER_INT) {
            packages = p.getIntValue();
          } else if (name.equals("repo") || name.equals("type") || name.equals("date")) {
            if (t != JsonToken.VALUE_STRING) {
              throw new IOException(key + ": invalid manifest: expected a string for " + name);
            }
            head.put(name, p.getText());
          } else {
            p.skipChildren();
          }
        }
      } catch (JsonProcessingException e) {
        throw new IOException(key + ": unreadable manifest: " + e.getOriginalMessage(), e);
      }
      in.transferTo(OutputStream.nullOutputStream());
      for (String name : new String[] {"repo", "type", "date"}) {
        if (!head.containsKey(name)) {
          throw new IOException(key + ": invalid manifest: missing required key: " + name);
        }
      }
      return new ManifestHead(
          head.get("repo"),
          head.get("type"),
          head.get("date"),
          Math.max(packages, 0),
          in.count,
          Sha256.of(sha.digest()).hex());
    }
  }

  private static final class Counting extends java.io.FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
