package dev.tintype.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads and writes {@code tintype-bundle.json}: deterministic bytes, strict on read. */
final class TocJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private TocJson() {}

  /** The mapper, for {@link TocWriter}'s streamed tables of contents. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  static byte[] write(Toc toc) {
    try {
      String text = MAPPER.writeValueAsString(toc).replace("\r\n", "\n") + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the table of contents", e);
    }
  }

  static Toc read(InputStream in, String source) throws BadBundleException {
    try {
      JsonNode tree = MAPPER.readTree(in);
      if (!(tree instanceof ObjectNode o)) {
        throw new BadBundleException(source + ": unreadable table of contents: not a JSON object");
      }
      return fromTree(o, source);
    } catch (IOException e) {
      throw unreadable(e, source);
    }
  }

  /** What reading {@code source} failing with {@code e} means for the bundle. */
  static BadBundleException unreadable(IOException e, String source) {
    if (e instanceof BadBundleException b) {
      return b;
    }
    if (e instanceof JsonProcessingException j) {
      return new BadBundleException(
          source + ": unreadable table of contents: " + j.getOriginalMessage(), e);
    }
    return new BadBundleException(source + ": cannot read: " + e.getMessage(), e);
  }

  /** The table of contents {@code o} holds, checked for shape. */
  static Toc fromTree(ObjectNode o, String source) throws BadBundleException {
    try {
      if (!o.has("purges")) {
        // Optional: written only by a bundle that leaves purged files out.
        o.putArray("purges");
      }
      return MAPPER.treeToValue(o, Toc.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new BadBundleException(
          source + ": invalid table of contents: " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new BadBundleException(
          source + ": unreadable table of contents: " + e.getOriginalMessage(), e);
    }
  }
}
