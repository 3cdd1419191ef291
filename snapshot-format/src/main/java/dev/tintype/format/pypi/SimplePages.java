package dev.tintype.format.pypi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.tintype.format.templates.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.ToLongFunction;

/**
 * Writes the Simple Repository API pages of a snapshot: PEP 503 HTML and PEP 691 JSON (api-version
 * 1.4: PEP 700 fields, PEP 740 provenance, PEP 708 tracks and alternate locations, PEP 792 project
 * status). Output is deterministic UTF-8 with LF line ends: files sorted by filename, projects by
 * normalized name, digests by name, fields in a fixed order. Writers flush but do not close the
 * stream. File URLs are written as given (escaped for HTML, never re-encoded).
 */
public final class SimplePages {
  static final String API_VERSION = "1.4";
  // PEP 700's format: always six fractional digits in JSON.
  private static final DateTimeFormatter JSON_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final Templates TEMPLATES = new Templates(SimplePages.class);
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private SimplePages() {}

  public static void writeProjectHtml(ProjectPage page, OutputStream out) throws IOException {
    List<Map<String, String>> files = new ArrayList<>();
    for (DistFile f : page.files()) {
      Map<String, String> m = new HashMap<>();
      m.put("filename", f.filename());
      m.put("href", href(f));
      m.put("requiresPython", f.requiresPython());
      m.put("yanked", f.yanked());
      m.put("coreMetadata", f.coreMetadata() == null ? null : htmlDigest(f.coreMetadata()));
      // ISO_INSTANT: whole seconds print without a fraction, and nothing is lost on parsing.
      m.put("uploadTime", f.uploadTime() == null ? null : f.uploadTime().toString());
      m.put("size", f.size() == null ? null : Long.toString(f.size()));
      m.put("provenance", f.provenance());
      files.add(m);
    }
    ProjectStatus status = page.status();
    Map<String, Object> model = new HashMap<>();
    model.put("name", page.name().normalized());
    model.put("files", files);
    model.put("status", status.status());
    model.put("reason", status.reason());
    model.put("tracks", status.tracks());
    model.put("alternates", status.alternateLocations());
    TEMPLATES.render("project.ftlh", model, out);
  }

  public static void writeProjectJson(ProjectPage page, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("meta");
      g.writeStringField("api-version", API_VERSION);
      if (page.lastSerial() >= 0) {
        g.writeNumberField("_last-serial", page.lastSerial());
      }
      ProjectStatus status = page.status();
      if (!status.tracks().isEmpty()) {
        writeStrings(g, "tracks", status.tracks());
      }
      g.writeEndObject();
      g.writeStringField("name", page.name().normalized());
      g.writeObjectFieldStart("project-status");
      g.writeStringField("status", status.status());
      if (status.reason() != null) {
        g.writeStringField("reason", status.reason());
      }
      g.writeEndObject();
      if (!status.alternateLocations().isEmpty()) {
        writeStrings(g, "alternate-locations", status.alternateLocations());
      }
      g.writeArrayFieldStart("versions");
      for (String v : page.versions()) {
        g.writeString(v);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (DistFile f : page.files()) {
        writeFile(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /** The root page; each project once, sorted by normalized name. */
  public static void writeIndexHtml(List<ProjectName> projects, OutputStream out)
      throws IOException {
    List<Map<String, String>> model =
        Templates.rows(
            sortedUnique(projects), p -> Map.of("name", p.name(), "href", p.normalized() + "/"));
    TEMPLATES.render("index.ftlh", Map.of("projects", model), out);
  }

  public static void writeIndexJson(List<ProjectName> projects, OutputStream out)
      throws IOException {
    writeIndexJson(projects, p -> -1, out);
  }

  /**
   * The project list in JSON with each project's {@code _last-serial} where {@code serial} knows
   * one (not negative), as PyPI lists them: a later sync reads the serials back from here instead
   * of opening every project's page.
   */
  public static void writeIndexJson(
      List<ProjectName> projects, ToLongFunction<ProjectName> serial, OutputStream out)
      throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("meta");
      g.writeStringField("api-version", API_VERSION);
      g.writeEndObject();
      g.writeArrayFieldStart("projects");
      for (ProjectName p : sortedUnique(projects)) {
        g.writeStartObject();
        long n = serial.applyAsLong(p);
        if (n >= 0) {
          g.writeNumberField("_last-serial", n);
        }
        g.writeStringField("name", p.name());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeFile(JsonGenerator g, DistFile f) throws IOException {
    g.writeStartObject();
    g.writeStringField("filename", f.filename());
    g.writeStringField("url", f.url());
    g.writeFieldName("hashes");
    writeDigests(g, f.hashes());
    if (f.requiresPython() != null) {
      g.writeStringField("requires-python", f.requiresPython());
    }
    g.writeFieldName("yanked");
    if (f.yanked() == null || f.yanked().isEmpty()) {
      g.writeBoolean(f.isYanked());
    } else {
      g.writeString(f.yanked());
    }
    // PEP 714: "core-metadata", plus the key PyPI first used, which older pips read.
    for (String key : List.of("core-metadata", "data-dist-info-metadata")) {
      g.writeFieldName(key);
      if (f.coreMetadata() == null) {
        g.writeBoolean(false);
      } else if (f.coreMetadata().isEmpty()) {
        g.writeBoolean(true);
      } else {
        writeDigests(g, f.coreMetadata());
      }
    }
    if (f.size() != null) {
      g.writeNumberField("size", f.size());
    }
    if (f.uploadTime() != null) {
      g.writeStringField("upload-time", JSON_TIME.format(f.uploadTime()));
    }
    // PEP 740 (api-version 1.3): written only where there is one.
    if (f.provenance() != null) {
      g.writeStringField("provenance", f.provenance());
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeDigests(JsonGenerator g, SortedMap<String, String> digests)
      throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : digests.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  // HTML carries one digest: sha256 when there is one, as PEP 503 recommends.
  private static String href(DistFile f) {
    int hash = f.url().indexOf('#');
    String url = hash < 0 ? f.url() : f.url().substring(0, hash);
    return f.hashes().isEmpty() ? url : url + "#" + htmlDigest(f.hashes());
  }

  private static String htmlDigest(SortedMap<String, String> digests) {
    if (digests.isEmpty()) {
      return "true";
    }
    String name = digests.containsKey("sha256") ? "sha256" : digests.firstKey();
    return name + "=" + digests.get(name);
  }

  private static List<ProjectName> sortedUnique(List<ProjectName> projects) {
    List<ProjectName> sorted = new ArrayList<>(projects);
    sorted.sort(Comparator.comparing(ProjectName::normalized));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).normalized().equals(sorted.get(i - 1).normalized())) {
        throw new IllegalArgumentException(
            "project index: expected each project once, found '"
                + sorted.get(i - 1).name()
                + "' and '"
                + sorted.get(i).name()
                + "', which both normalize to '"
                + sorted.get(i).normalized()
                + "'");
      }
    }
    return sorted;
  }
}
