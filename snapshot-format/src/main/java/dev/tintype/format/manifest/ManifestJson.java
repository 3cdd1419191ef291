package dev.tintype.format.manifest;

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
      WRITER.writeValue(out, m);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize manifest of " + m.repo(), e);
    }
    out.write('\n');
    return out.toByteArray();
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
