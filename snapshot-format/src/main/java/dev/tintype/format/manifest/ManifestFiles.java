package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the {@code files} list of a {@code manifest.json}, one entry at a time, in path order.
 * Where {@link ManifestJson#read} holds a whole manifest (hundreds of megabytes for a large PyPI
 * mirror), this holds one entry: two manifests can be walked side by side, as a merge.
 */
public final class ManifestFiles implements Closeable {
  private final JsonParser p;
  private final String source;
  private String last;
  private boolean done;

  private ManifestFiles(JsonParser p, String source) {
    this.p = p;
    this.source = source;
  }

  /**
   * Opens the manifest in {@code in} (closed with this) and moves to its {@code files} list; the
   * keys before it are skipped. {@code source} names it in errors.
   */
  public static ManifestFiles open(InputStream in, String source) throws IOException {
    return open(in, source, "files");
  }

  /**
   * As {@link #open}, for the {@code pool} list: the pool files the snapshot references, in path
   * order.
   */
  public static ManifestFiles openPool(InputStream in, String source) throws IOException {
    return open(in, source, "pool");
  }

  private static ManifestFiles open(InputStream in, String source, String list) throws IOException {
    return new ManifestFiles(ManifestLists.openAt(in, source, list), source);
  }

  /**
   * The next entry of the list, or null after the last one.
   *
   * @throws IOException naming the manifest if an entry is malformed or out of path order, since a
   *     merge over two manifests relies on the order
   */
  public FileEntry next() throws IOException {
    if (done) {
      return null;
    }
    try {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY) {
        done = true;
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        throw bad("expected a files entry, found " + t);
      }
      FileEntry e = entry();
      if (last != null && last.compareTo(e.path()) >= 0) {
        throw bad("files out of order: '" + e.path() + "' after '" + last + "'");
      }
      last = e.path();
      return e;
    } catch (JsonProcessingException e) {
      throw bad(e.getOriginalMessage(), e);
    }
  }

  private FileEntry entry() throws IOException {
    String path = null;
    Long size = null;
    String sha256 = null;
    String md5 = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      switch (key) {
        case "path" -> path = text(v, key);
        case "size" -> size = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        case "sha256" -> sha256 = text(v, key);
        case "md5" -> md5 = v == JsonToken.VALUE_NULL ? null : text(v, key);
        default -> throw bad("unknown key '" + key + "' in a files entry");
      }
    }
    if (path == null || size == null || sha256 == null) {
      throw bad("a files entry " + (path == null ? "" : "'" + path + "' ") + "lacks a key");
    }
    try {
      return new FileEntry(path, size, sha256, md5);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage(), e);
    }
  }

  private String text(JsonToken t, String key) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw bad("expected a string for " + key + ", found " + t);
    }
    return p.getText();
  }

  private IOException bad(String why) {
    return bad(why, null);
  }

  private IOException bad(String why, Throwable cause) {
    return ManifestLists.bad(source, why, cause);
  }

  @Override
  public void close() throws IOException {
    p.close();
  }
}
