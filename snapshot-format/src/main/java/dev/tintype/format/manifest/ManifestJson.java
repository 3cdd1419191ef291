package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Reads and writes {@code manifest.json}: deterministic bytes, strict on read. */
public final class ManifestJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ManifestJson() {}

  // INDENT_OUTPUT's printer with LF on every platform, so no pass over the text replaces CRLF.
  private static final ObjectWriter WRITER =
      MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

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
    try (JsonGenerator g = WRITER.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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

  /** Parses a manifest; {@code source} names it in errors. */
  public static Manifest read(InputStream in, String source) throws IOException {
    try {
      return MAPPER.readValue(in, Manifest.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(source + ": invalid manifest: " + cause.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(source + ": unreadable manifest: " + originalMessage(e), e);
    }
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
