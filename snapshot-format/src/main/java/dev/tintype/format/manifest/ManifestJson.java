package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes {@code manifest.json}: deterministic bytes, strict on read. */
public final class ManifestJson {
  // Both directions go key by key through the streaming API; no data binding is involved.
  private static final JsonFactory JSON = new JsonFactory();

  private ManifestJson() {}

  /**
   * The manifest's bytes, written straight to UTF-8: a manifest of a large PyPI mirror is hundreds
   * of megabytes, so no String copy of it is made.
   */
  public static byte[] write(Manifest m) {
    int entries = m.files().size() + m.links().size() + m.pool().size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + entries * 200);
    try {
      write(m, m.files(), m.links(), m.pool(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize manifest of " + m.repo(), e);
    }
    return out.toByteArray();
  }

  /**
   * Streams a manifest whose entries come from elsewhere (a spill file), byte for byte as {@link
   * #write(Manifest)} would: the fields are {@code head}'s, its own lists are ignored. Each list
   * must come sorted by path, as a {@link Manifest} sorts them; an entry out of order is an {@link
   * IllegalArgumentException}, since readers rely on the order.
   */
  public static void write(
      Manifest head,
      Iterable<FileEntry> files,
      Iterable<LinkEntry> links,
      Iterable<FileEntry> pool,
      OutputStream out)
      throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      // Jackson's indented printer with LF on every platform, so no pass over the text replaces
      // CRLF.
      g.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      g.writeStartObject();
      g.writeNumberField("format", head.format());
      g.writeStringField("repo", head.repo());
      g.writeStringField("type", head.type());
      g.writeStringField("date", head.date());
      g.writeNumberField("packages", head.packages());
      g.writeObjectFieldStart("properties");
      for (Map.Entry<String, String> p : head.properties().entrySet()) {
        g.writeStringField(p.getKey(), p.getValue());
      }
      g.writeEndObject();
      writeFiles(g, "files", files);
      g.writeArrayFieldStart("links");
      String last = null;
      for (LinkEntry l : links) {
        last = inOrder("links", last, l.path());
        g.writeStartObject();
        g.writeStringField("path", l.path());
        g.writeStringField("pool", l.pool());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeFiles(g, "pool", pool);
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void writeFiles(JsonGenerator g, String field, Iterable<FileEntry> entries)
      throws IOException {
    g.writeArrayFieldStart(field);
    String last = null;
    for (FileEntry f : entries) {
      last = inOrder(field, last, f.path());
      g.writeStartObject();
      g.writeStringField("path", f.path());
      g.writeNumberField("size", f.size());
      g.writeStringField("sha256", f.sha256());
      if (f.md5() != null) {
        g.writeStringField("md5", f.md5());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String inOrder(String list, String last, String path) {
    if (last != null && last.compareTo(path) > 0) {
      throw new IllegalArgumentException(
          "manifest " + list + " out of order: '" + path + "' after '" + last + "'");
    }
    return path;
  }

  /**
   * Parses a manifest; {@code source} names it in errors. Streams the tokens into entries (a
   * nightly sync reads the last snapshot's hundred thousand entries before anything else), strict
   * as a data binding would be: unknown and missing keys, nulls and wrong types are refused.
   */
  public static Manifest read(InputStream in, String source) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>();
    List<FileEntry> pool = new ArrayList<>();
    Manifest head = stream(in, source, new Entries(files::add, links::add, pool::add));
    return new Manifest(
        head.format(),
        head.repo(),
        head.type(),
        head.date(),
        head.packages(),
        head.properties(),
        files,
        links,
        pool);
  }

  /** Takes the entries of one list of a manifest as they are read. */
  @FunctionalInterface
  public interface EntryConsumer<T> {
    void accept(T entry) throws IOException;
  }

  /** Where {@link #stream} hands each entry of the three lists, in the manifest's order. */
  public record Entries(
      EntryConsumer<FileEntry> files,
      EntryConsumer<LinkEntry> links,
      EntryConsumer<FileEntry> pool) {}

  /**
   * Reads a manifest as {@link #read} does, just as strictly, in one pass that hands each entry to
   * {@code entries} instead of holding it: the manifest returned has the head (format, repo, type,
   * date, packages, properties) and empty lists.
   */
  public static Manifest stream(InputStream in, String source, Entries entries) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      return new Reader(p, entries).manifest();
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": invalid manifest: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(source + ": unreadable manifest: " + originalMessage(e), e);
    }
  }

  /**
   * The {@code date} of a manifest, read without its entries (the keys before it are skipped; a
   * written manifest has it near the top).
   */
  public static String date(InputStream in, String source) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(source + ": invalid manifest: expected an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (key.equals("date")) {
          if (t != JsonToken.VALUE_STRING) {
            throw new IOException(source + ": invalid manifest: expected a string for date");
          }
          return p.getText();
        }
        p.skipChildren();
      }
      throw new IOException(source + ": invalid manifest: missing required key: date");
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": unreadable manifest: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads one manifest from a parser, key by key. */
  private static final class Reader {
    private final JsonParser p;
    private final Entries entries;

    Reader(JsonParser p, Entries entries) {
      this.p = p;
      this.entries = entries;
    }

    Manifest manifest() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the manifest");
      Integer format = null;
      Integer packages = null;
      String repo = null;
      String type = null;
      String date = null;
      Map<String, String> properties = null;
      boolean files = false;
      boolean pool = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "format" -> format = (int) number(t, key);
          case "repo" -> repo = string(t, key);
          case "type" -> type = string(t, key);
          case "date" -> date = string(t, key);
          case "packages" -> packages = (int) number(t, key);
          case "properties" -> properties = properties(t);
          case "files" -> files = files(t, key, entries.files());
          case "links" -> links(t);
          case "pool" -> pool = files(t, key, entries.pool());
          default -> throw new JsonParseException(p, "unknown manifest key '" + key + "'");
        }
      }
      require(format, "format");
      require(repo, "repo");
      require(type, "type");
      require(date, "date");
      require(packages, "packages");
      require(files ? Boolean.TRUE : null, "files");
      require(pool ? Boolean.TRUE : null, "pool");
      return new Manifest(format, repo, type, date, packages, properties, null, null, null);
    }

    private Map<String, String> properties(JsonToken t) throws IOException {
      expect(t, JsonToken.START_OBJECT, "properties");
      Map<String, String> out = new TreeMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        out.put(key, string(p.nextToken(), "properties." + key));
      }
      return out;
    }

    private boolean files(JsonToken t, String list, EntryConsumer<FileEntry> out)
        throws IOException {
      expect(t, JsonToken.START_ARRAY, list);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String path = null;
        Long size = null;
        String sha256 = null;
        String md5 = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          switch (key) {
            case "path" -> path = string(v, key);
            case "size" -> size = number(v, key);
            case "sha256" -> sha256 = string(v, key);
            case "md5" -> md5 = v == JsonToken.VALUE_NULL ? null : string(v, key);
            default ->
                throw new JsonParseException(
                    p, "unknown key '" + key + "' in a " + list + " entry");
          }
        }
        require(path, list + " entry's path");
        require(size, "size of " + path);
        require(sha256, "sha256 of " + path);
        out.accept(new FileEntry(path, size, sha256, md5));
      }
      expect(p.currentToken(), JsonToken.END_ARRAY, list);
      return true;
    }

    private void links(JsonToken t) throws IOException {
      expect(t, JsonToken.START_ARRAY, "links");
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String path = null;
        String pool = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          switch (key) {
            case "path" -> path = string(v, key);
            case "pool" -> pool = string(v, key);
            default -> throw new JsonParseException(p, "unknown key '" + key + "' in a link");
          }
        }
        require(path, "a link's path");
        require(pool, "pool of link " + path);
        entries.links().accept(new LinkEntry(path, pool));
      }
      expect(p.currentToken(), JsonToken.END_ARRAY, "links");
    }

    private String string(JsonToken t, String key) throws IOException {
      expect(t, JsonToken.VALUE_STRING, key);
      return p.getText();
    }

    private long number(JsonToken t, String key) throws IOException {
      expect(t, JsonToken.VALUE_NUMBER_INT, key);
      return p.getLongValue();
    }

    private void expect(JsonToken t, JsonToken wanted, String what) throws JsonParseException {
      if (t != wanted) {
        throw new JsonParseException(
            p, "expected " + describe(wanted) + " for " + what + ", found " + describe(t));
      }
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "the end of the file";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT -> "an integer";
        case VALUE_NULL -> "null";
        default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
      };
    }

    private void require(Object value, String what) throws JsonParseException {
      if (value == null) {
        throw new JsonParseException(p, "missing required key: " + what);
      }
    }
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
