package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import java.util.Optional;

/**
 * What a sync does with one configured project: take it from upstream ({@code upstream}), carry it
 * forward unchanged with its old page read ({@code carried}), carry it forward unread (its serial
 * is unchanged: its pages are linked, its pool files come from the previous manifest), or leave it
 * out because upstream has no such project ({@code missing}). {@code previous} is the old page
 * where it was read.
 */
record Planned(
    ProjectName name,
    ProjectPage upstream,
    ProjectPage carried,
    Optional<ProjectPage> previous,
    long serial,
    boolean missing) {

  static Planned fetched(ProjectPage up, Optional<ProjectPage> previous) {
    return new Planned(up.name(), up, null, previous, up.lastSerial(), false);
  }

  static Planned carried(ProjectPage page) {
    return new Planned(page.name(), null, page, Optional.of(page), page.lastSerial(), false);
  }

  static Planned unread(ProjectName name, long serial) {
    return new Planned(name, null, null, Optional.empty(), serial, false);
  }

  static Planned missing(ProjectName name, Optional<ProjectPage> previous) {
    return new Planned(name, null, null, previous, -1, true);
  }

  /** This plan once its page is written: only what {@link CarryPlan#referenceUnread} reads. */
  Planned written() {
    return new Planned(name, null, null, previous, serial, missing);
  }

  boolean unread() {
    return upstream == null && carried == null && !missing;
  }
}
