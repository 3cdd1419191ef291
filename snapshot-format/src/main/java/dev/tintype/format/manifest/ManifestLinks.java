package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the {@code links} list of a {@code manifest.json}, one entry at a time, in path order, as
 * {@link ManifestFiles} streams its files: a large PyPI snapshot has hundreds of thousands.
 */
public final class ManifestLinks implements Closeable {
  private final JsonParser p;
  private final String source;
  private String last;
  private boolean done;

  private ManifestLinks(JsonParser p, String source) {
    this.p = p;
    this.source = source;
  }

  /**
   * Opens the manifest in {@code in} (closed with this) at its {@code links} list; a manifest
   * without one has no links, as {@link ManifestJson#read} reads it.
   */
  public static ManifestLinks open(InputStream in, String source) throws IOException {
    JsonParser p = ManifestLists.openAt(in, source, "links", true);
    ManifestLinks l = new ManifestLinks(p, source);
    l.done = p == null;
    return l;
  }

  /** The next link, or null after the last one; an IOException naming the manifest if bad. */
  public LinkEntry next() throws IOException {
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
        throw ManifestLists.bad(source, "expected a links entry, found " + t, null);
      }
      String path = null;
      String pool = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        if (v != JsonToken.VALUE_STRING || !(key.equals("path") || key.equals("pool"))) {
          throw ManifestLists.bad(source, "bad key '" + key + "' in a link", null);
        }
        if (key.equals("path")) {
          path = p.getText();
        } else {
          pool = p.getText();
        }
      }
      if (path == null || pool == null) {
        throw ManifestLists.bad(source, "a link lacks its path or pool", null);
      }
      if (last != null && last.compareTo(path) >= 0) {
        throw ManifestLists.bad(
            source, "links out of order: '" + path + "' after '" + last + "'", null);
      }
      last = path;
      try {
        return new LinkEntry(path, pool);
      } catch (IllegalArgumentException e) {
        throw ManifestLists.bad(source, e.getMessage(), e);
      }
    } catch (JsonProcessingException e) {
      throw ManifestLists.bad(source, e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (p != null) {
      p.close();
    }
  }
}
