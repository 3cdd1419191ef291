package dev.tintype.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tintype.config.RepoType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A diff as one JSON document, with the content and order of {@link DiffText}. Every key is always
 * present (null where it does not apply), so a reader needs no defaults; a Bioconductor diff has
 * two more in each change, {@code release} and {@code area}.
 */
public final class DiffJson {
  private static final JsonFactory JSON = new JsonFactory();

  private DiffJson() {}

  /** Writes the document and a final newline; {@code out} is flushed, not closed. */
  public static void write(DiffReport r, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      g.writeStartObject();
      g.writeStringField("repo", r.repo().name());
      g.writeStringField("type", r.type());
      g.writeStringField("from", r.from().toString());
      g.writeStringField("to", r.to().toString());
      g.writeBooleanField("reordered", r.reordered());
      g.writeObjectFieldStart("counts");
      for (PackageChange.Kind k : PackageChange.Kind.values()) {
        g.writeNumberField(k.id(), r.count(k));
      }
      g.writeNumberField("files", r.fileChanges());
      g.writeNumberField("yanks", r.yankChanges());
      g.writeEndObject();
      boolean areas = r.type().equals(RepoType.BIOCONDUCTOR.id());
      g.writeArrayFieldStart("packages");
      for (PackageChange c : r.packages()) {
        g.writeStartObject();
        g.writeStringField("change", c.kind().id());
        area(g, areas, c.area());
        g.writeStringField("name", c.name());
        g.writeStringField("from", c.from());
        g.writeStringField("to", c.to());
        strings(g, "versions_added", c.versionsAdded());
        strings(g, "versions_removed", c.versionsRemoved());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (FileChange c : r.files()) {
        g.writeStartObject();
        g.writeStringField("change", c.kind().id());
        area(g, areas, c.area());
        g.writeStringField("name", c.name());
        g.writeStringField("version", c.version());
        g.writeStringField("filename", c.filename());
        g.writeStringField("reason", c.reason());
        g.writeStringField("previous_reason", c.previousReason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void area(JsonGenerator g, boolean areas, BiocArea area) throws IOException {
    if (areas) {
      g.writeStringField("release", area == null ? null : area.release());
      g.writeStringField("area", area == null ? null : area.area());
    }
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
