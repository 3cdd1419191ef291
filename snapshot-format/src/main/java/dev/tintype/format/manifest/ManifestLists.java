package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** What the streaming readers of one list of a manifest share: finding the list, and errors. */
final class ManifestLists {
  private static final JsonFactory JSON = new JsonFactory();

  private ManifestLists() {}

  /**
   * A parser on {@code in} (closed with it) standing at the start of the array {@code list}; the
   * keys before it are skipped.
   */
  static JsonParser openAt(InputStream in, String source, String list) throws IOException {
    return openAt(in, source, list, false);
  }

  /**
   * As {@link #openAt(InputStream, String, String)}; with {@code optional}, a manifest without the
   * list gives null (the parser closed) instead of an error.
   */
  static JsonParser openAt(InputStream in, String source, String list, boolean optional)
      throws IOException {
    JsonParser p = JSON.createParser(in);
    try {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(source, "expected an object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (key.equals(list)) {
          if (t != JsonToken.START_ARRAY) {
            throw bad(source, "expected an array for " + list, null);
          }
          return p;
        }
        p.skipChildren();
      }
      if (optional) {
        p.close();
        return null;
      }
      throw bad(source, "missing required key: " + list, null);
    } catch (JsonProcessingException e) {
      p.close();
      throw bad(source, e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  static IOException bad(String source, String why, Throwable cause) {
    return new IOException(source + ": invalid manifest: " + why, cause);
  }
}
