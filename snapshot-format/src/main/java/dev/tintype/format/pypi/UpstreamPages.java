package dev.tintype.format.pypi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for an upstream's Simple API project page, in JSON (PEP 691) or HTML (PEP 503). Relative
 * file URLs are resolved against the page URL and fragments dropped. Every file listed is kept,
 * even one of another project (use {@link Filenames#version} to tell them apart); a file listed
 * twice identically is kept once. A file whose name or digests are unsafe fails the whole page with
 * an {@link IOException} that names the project and the file.
 */
public final class UpstreamPages {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // hashlib.algorithms_guaranteed, which PEP 503 allows in the URL fragment.
  private static final Set<String> HASH_NAMES =
      Set.of(
          "md5",
          "sha1",
          "sha224",
          "sha256",
          "sha384",
          "sha512",
          "sha3_224",
          "sha3_256",
          "sha3_384",
          "sha3_512",
          "blake2b",
          "blake2s");
  private static final Pattern DIGEST = Pattern.compile("([A-Za-z0-9_]+)=([0-9A-Fa-f]+)");

  private UpstreamPages() {}

  /**
   * Reads a PEP 691 page (api-version 1.x). {@code baseUrl} is the page's own URL. The page
   * streams: one file at a time is held as a tree, and an IOException of {@code in} (such as a size
   * limit) passes unchanged.
   */
  public static ProjectPage parseJson(ProjectName requested, InputStream in, String baseUrl)
      throws IOException {
    String project = requested.name();
    String context = "project '" + project + "'";
    JsonNode meta = null;
    JsonNode projectStatus = null;
    JsonNode alternates = null;
    boolean named = false;
    boolean listed = false;
    Map<String, DistFile> out = new LinkedHashMap<>();
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(context + ": expected a JSON object as simple page");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "meta" -> meta = checkMeta(p.readValueAsTree(), context);
          case "project-status" -> projectStatus = p.readValueAsTree();
          case "alternate-locations" -> alternates = p.readValueAsTree();
          case "name" -> {
            if (t != JsonToken.VALUE_NULL) {
              String name = p.getValueAsString("");
              p.skipChildren();
              checkName(requested, name, project);
              named = true;
            }
          }
          case "files" -> {
            if (t != JsonToken.VALUE_NULL) {
              if (t != JsonToken.START_ARRAY) {
                throw new IOException(context + ": expected 'files' to be a list");
              }
              listed = true;
              int index = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode f = p.readValueAsTree();
                jsonFile(out, project, f, index++, baseUrl);
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException(context + ": expected a JSON simple page, found invalid JSON", e);
    }
    if (meta == null) {
      throw new IOException(context + ": expected key 'meta', found none");
    }
    if (!named) {
      throw new IOException(context + ": expected key 'name', found none");
    }
    if (!listed) {
      throw new IOException(context + ": expected key 'files', found none");
    }
    JsonNode serial = meta.get("_last-serial");
    long lastSerial = serial != null && serial.canConvertToLong() ? serial.asLong() : -1;
    return new ProjectPage(
        requested,
        List.copyOf(out.values()),
        Math.max(lastSerial, -1),
        StatusMarkers.fromJson(meta, projectStatus, alternates));
  }

  private static JsonNode checkMeta(JsonNode meta, String context) throws IOException {
    if (meta == null || meta.isNull()) {
      return null;
    }
    String apiVersion = required(meta, "api-version", context).asText();
    if (!apiVersion.startsWith("1.")) {
      throw new IOException(context + ": expected api-version 1.x, found '" + apiVersion + "'");
    }
    return meta;
  }

  private static void checkName(ProjectName requested, String name, String project)
      throws IOException {
    if (!ProjectName.normalize(name).equals(requested.normalized())) {
      throw new IOException(
          "project '" + project + "': expected its own page, found the page of '" + name + "'");
    }
  }

  private static void jsonFile(
      Map<String, DistFile> out, String project, JsonNode f, int index, String baseUrl)
      throws IOException {
    String context = "project '" + project + "'";
    String filename = required(f, "filename", context + ", file #" + index).asText();
    String url = required(f, "url", context + ", file '" + filename + "'").asText();
    try {
      DistFile file = jsonFile(f, filename, resolve(baseUrl, url, project, filename));
      JsonNode provenance = f.get("provenance");
      if (provenance != null && provenance.isTextual()) {
        file = file.withProvenance(provenance(baseUrl, provenance.asText(), project, filename));
      }
      add(out, project, file);
    } catch (IllegalArgumentException e) {
      throw refused(project, e);
    }
  }

  /** Reads a PEP 503 page. {@code baseUrl} is the page's own URL; a {@code <base>} overrides it. */
  public static ProjectPage parseHtml(ProjectName requested, InputStream in, String baseUrl)
      throws IOException {
    String project = requested.name();
    HtmlLinks links = HtmlLinks.scan(new InputStreamReader(in, StandardCharsets.UTF_8));
    String base = baseUrl;
    if (links.baseHref != null) {
      base = resolve(baseUrl, links.baseHref, project, "<base>");
    }
    Map<String, DistFile> out = new LinkedHashMap<>();
    for (HtmlLinks.Anchor a : links.anchors) {
      String href = a.attributes().get("href");
      if (href == null || href.isBlank() || href.strip().startsWith("#")) {
        continue;
      }
      String url = resolve(base, href.strip(), project, href);
      String filename = Urls.lastSegment(url);
      if (filename.isEmpty() || !Urls.isFetchable(url)) {
        continue; // a directory, or a mailto: or javascript: link, not a file
      }
      try {
        DistFile file = htmlFile(a.attributes(), filename, url, Urls.fragment(href));
        String provenance = a.attributes().get("data-provenance");
        if (provenance != null && !provenance.isBlank()) {
          file = file.withProvenance(provenance(base, provenance.strip(), project, filename));
        }
        add(out, project, file);
      } catch (IllegalArgumentException e) {
        throw refused(project, e);
      }
    }
    return new ProjectPage(
        requested, List.copyOf(out.values()), links.serial, StatusMarkers.fromHtml(links.metas));
  }

  private static DistFile jsonFile(JsonNode f, String filename, String url) {
    Map<String, String> hashes = new TreeMap<>();
    JsonNode h = f.get("hashes");
    if (h != null && h.isObject()) {
      h.properties().forEach(e -> hashes.put(lower(e.getKey()), e.getValue().asText()));
    }
    JsonNode requires = f.get("requires-python");
    JsonNode yanked = f.get("yanked");
    String yankedReason = null;
    if (yanked != null && yanked.isTextual()) {
      yankedReason = yanked.asText();
    } else if (yanked != null && yanked.asBoolean(false)) {
      yankedReason = "";
    }
    JsonNode size = f.get("size");
    JsonNode uploaded = f.get("upload-time");
    return new DistFile(
        filename,
        url,
        new TreeMap<>(hashes),
        requires != null && requires.isTextual() ? requires.asText() : null,
        yankedReason,
        jsonMetadata(f),
        size != null && size.isIntegralNumber() && size.canConvertToLong() ? size.asLong() : null,
        uploaded != null && uploaded.isTextual() ? instant(uploaded.asText()) : null);
  }

  // PEP 714 named the key "core-metadata"; "dist-info-metadata" came first, and PyPI also sent
  // "data-dist-info-metadata".
  private static TreeMap<String, String> jsonMetadata(JsonNode f) {
    for (String key : List.of("core-metadata", "dist-info-metadata", "data-dist-info-metadata")) {
      JsonNode m = f.get(key);
      if (m == null || m.isNull()) {
        continue;
      }
      if (m.isObject()) {
        TreeMap<String, String> digests = new TreeMap<>();
        m.properties().forEach(e -> digests.put(lower(e.getKey()), e.getValue().asText()));
        return digests;
      }
      return m.asBoolean(false) ? new TreeMap<>() : null;
    }
    return null;
  }

  private static DistFile htmlFile(
      Map<String, String> attributes, String filename, String url, String fragment) {
    TreeMap<String, String> hashes = new TreeMap<>();
    TreeMap<String, String> fromFragment = digest(fragment);
    if (fromFragment != null) {
      hashes.putAll(fromFragment);
    }
    String metadata = attributes.get("data-core-metadata");
    if (metadata == null && !attributes.containsKey("data-core-metadata")) {
      metadata = attributes.get("data-dist-info-metadata");
    }
    TreeMap<String, String> coreMetadata = null;
    if (metadata != null) {
      coreMetadata = metadata.strip().equalsIgnoreCase("true") ? new TreeMap<>() : digest(metadata);
    }
    String yanked = null;
    if (attributes.containsKey("data-yanked")) {
      String reason = attributes.get("data-yanked");
      yanked = reason == null ? "" : reason;
    }
    String size = attributes.get("data-size");
    String uploaded = attributes.get("data-upload-time");
    return new DistFile(
        filename,
        url,
        hashes,
        attributes.get("data-requires-python"),
        yanked,
        coreMetadata,
        size != null && size.strip().matches("[0-9]{1,18}") ? Long.valueOf(size.strip()) : null,
        uploaded == null ? null : instant(uploaded.strip()));
  }

  /** "sha256=HEX" as a one-entry map, or null when it is not a digest of a known algorithm. */
  private static TreeMap<String, String> digest(String s) {
    if (s == null) {
      return null;
    }
    Matcher m = DIGEST.matcher(s.strip());
    if (!m.matches() || !HASH_NAMES.contains(lower(m.group(1)))) {
      return null;
    }
    return new TreeMap<>(Map.of(lower(m.group(1)), lower(m.group(2))));
  }

  // Informational fields: a value we cannot read is left out rather than failing the page.
  private static Instant instant(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void add(Map<String, DistFile> out, String project, DistFile file)
      throws IOException {
    DistFile seen = out.putIfAbsent(file.filename(), file);
    if (seen != null && !seen.equals(file)) {
      throw new IOException(
          "project '"
              + project
              + "': file '"
              + file.filename()
              + "' is listed twice with different details ("
              + seen.url()
              + " and "
              + file.url()
              + ")");
    }
  }

  private static JsonNode required(JsonNode node, String key, String context) throws IOException {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new IOException(context + ": expected key '" + key + "', found none");
    }
    return value;
  }

  private static String resolve(String base, String ref, String project, String what)
      throws IOException {
    try {
      return Urls.resolve(base, ref);
    } catch (URISyntaxException e) {
      throw new IOException(
          "project '" + project + "': expected a URL for '" + what + "', found '" + ref + "'", e);
    }
  }

  /** A PEP 740 provenance URL resolved against the page, keeping its digest fragment. */
  private static String provenance(String base, String ref, String project, String filename)
      throws IOException {
    String fragment = Urls.fragment(ref);
    String url = resolve(base, ref, project, filename + " provenance");
    if (!Urls.isFetchable(url)) {
      throw new IOException(
          "project '"
              + project
              + "': file '"
              + filename
              + "': expected a provenance URL to fetch, found '"
              + ref
              + "'");
    }
    return fragment == null ? url : url + "#" + fragment;
  }

  private static IOException refused(String project, IllegalArgumentException e) {
    return new IOException("project '" + project + "': refused " + e.getMessage(), e);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
