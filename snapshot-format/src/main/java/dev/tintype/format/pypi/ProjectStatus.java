package dev.tintype.format.pypi;

import java.util.List;

/**
 * What a project page says about the project beyond its files: its status (PEP 792) with the reason
 * given, and the repositories it tracks and its alternate locations (PEP 708).
 *
 * @param status "active" when upstream says nothing, else upstream's marker as given
 * @param reason null when upstream gives none
 */
public record ProjectStatus(
    String status, String reason, List<String> tracks, List<String> alternateLocations) {
  public static final String ACTIVE = "active";
  public static final String QUARANTINED = "quarantined";

  /** An active project without tracks or alternate locations: what a page before 1.2 says. */
  public static final ProjectStatus NONE = new ProjectStatus(ACTIVE, null, List.of(), List.of());

  public ProjectStatus {
    status = status == null || status.isBlank() ? ACTIVE : status.strip();
    if (Checks.hasControlChar(status)) {
      throw new IllegalArgumentException(
          "project status: expected a word, found '" + Checks.printable(status) + "'");
    }
    if (reason != null && reason.isEmpty()) {
      reason = null;
    }
    tracks = List.copyOf(tracks == null ? List.of() : tracks);
    alternateLocations = List.copyOf(alternateLocations == null ? List.of() : alternateLocations);
  }

  /** A project the index holds to be unsafe: it offers none of its files (PEP 792). */
  public boolean quarantined() {
    return QUARANTINED.equals(status);
  }

  /** True when nothing but the default is said: pages need not carry it. */
  public boolean isDefault() {
    return equals(NONE);
  }
}
