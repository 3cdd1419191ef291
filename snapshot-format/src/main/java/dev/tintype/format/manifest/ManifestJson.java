package dev.tintype.format.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads and writes {@code manifest.json}: deterministic bytes, strict on read. */
public final class ManifestJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ManifestJson() {}

  public static byte[] write(Manifest m) {
    try {
      String text = MAPPER.writeValueAsString(m).replace("\r\n", "\n") + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize manifest of " + m.repo(), e);
    }
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
