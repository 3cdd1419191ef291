package dev.tintype.format.pypi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a page's {@link ProjectStatus} from its JSON keys or HTML meta tags (PEP 792, PEP 708). */
final class StatusMarkers {
  private StatusMarkers() {}

  /**
   * JSON: {@code project-status: {status, reason}} and {@code alternate-locations} at the top,
   * {@code tracks} in {@code meta}. A value of the wrong shape is left out, as informational.
   */
  static ProjectStatus fromJson(JsonNode meta, JsonNode projectStatus, JsonNode alternates) {
    String status = null;
    String reason = null;
    if (projectStatus != null && projectStatus.isObject()) {
      JsonNode s = projectStatus.get("status");
      JsonNode r = projectStatus.get("reason");
      status = s != null && s.isTextual() ? s.asText() : null;
      reason = r != null && r.isTextual() ? r.asText() : null;
    }
    return new ProjectStatus(
        status, reason, strings(meta == null ? null : meta.get("tracks")), strings(alternates));
  }

  /** HTML: {@code <meta name="pypi:...">} tags, each repeatable list tag in page order. */
  static ProjectStatus fromHtml(List<Map.Entry<String, String>> metas) {
    String status = null;
    String reason = null;
    List<String> tracks = new ArrayList<>();
    List<String> alternates = new ArrayList<>();
    for (Map.Entry<String, String> m : metas) {
      switch (m.getKey()) {
        case "pypi:project-status" -> status = status == null ? m.getValue() : status;
        case "pypi:project-status-reason" -> reason = reason == null ? m.getValue() : reason;
        case "pypi:tracks" -> tracks.add(m.getValue());
        case "pypi:alternate-locations" -> alternates.add(m.getValue());
        default -> {}
      }
    }
    return new ProjectStatus(status, reason, tracks, alternates);
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(
          v -> {
            if (v.isTextual()) {
              out.add(v.asText());
            }
          });
    }
    return out;
  }
}
