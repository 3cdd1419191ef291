package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.ProjectStatus;
import java.io.IOException;
import java.util.Optional;

/**
 * What a sync does with one configured project: take it from upstream ({@code upstream}), carry it
 * forward unchanged with its old page read ({@code carried}), carry it forward unread (its serial
 * is unchanged: its pages are linked, its pool files come from the previous manifest), or leave it
 * out because upstream has no such project ({@code missing}). {@code previous} is the old page
 * where it was read. {@code spooled} says where a page to take or carry waits in a {@link
 * PageSpool} while {@code upstream} and {@code carried} are null, as they are between planning and
 * writing.
 */
record Planned(
    ProjectName name,
    ProjectPage upstream,
    ProjectPage carried,
    Optional<ProjectPage> previous,
    long serial,
    boolean missing,
    Spooled spooled) {

  /** Where a plan's page is in the spool, whether it came from upstream, and its status. */
  record Spooled(long offset, boolean fromUpstream, ProjectStatus status) {}

  static Planned fetched(ProjectPage up, Optional<ProjectPage> previous) {
    return new Planned(up.name(), up, null, previous, up.lastSerial(), false, null);
  }

  static Planned carried(ProjectPage page) {
    return new Planned(page.name(), null, page, Optional.of(page), page.lastSerial(), false, null);
  }

  static Planned unread(ProjectName name, long serial) {
    return new Planned(name, null, null, Optional.empty(), serial, false, null);
  }

  static Planned missing(ProjectName name, Optional<ProjectPage> previous) {
    return new Planned(name, null, null, previous, -1, true, null);
  }

  /** This plan once its page is written: only what {@link CarryPlan#referenceUnread} reads. */
  Planned written() {
    return new Planned(name, null, null, previous, serial, missing, null);
  }

  /** This plan with its page (if it has one) moved to {@code spool}. */
  Planned spool(PageSpool spool) throws IOException {
    ProjectPage page = upstream != null ? upstream : carried;
    if (page == null) {
      return this;
    }
    // Most projects say nothing of their status: one shared object for those.
    ProjectStatus status = page.status().isDefault() ? ProjectStatus.NONE : page.status();
    Spooled at = new Spooled(spool.write(page), upstream != null, status);
    return new Planned(name, null, null, previous, serial, missing, at);
  }

  /** This plan with its page read back from {@code spool}, where {@link #spool} put it. */
  Planned unspool(PageSpool spool) throws IOException {
    if (spooled == null) {
      return this;
    }
    ProjectPage page = spool.read(spooled.offset(), name);
    return spooled.fromUpstream()
        ? new Planned(name, page, null, previous, serial, missing, null)
        : new Planned(name, null, page, previous, serial, missing, null);
  }

  /** Whether the page comes from upstream (so its files may need downloading). */
  boolean fromUpstream() {
    return upstream != null || (spooled != null && spooled.fromUpstream());
  }

  /** The status of the page to take or carry, or null for a plan without one. */
  ProjectStatus status() {
    if (spooled != null) {
      return spooled.status();
    }
    ProjectPage page = upstream != null ? upstream : carried;
    return page == null ? null : page.status();
  }

  boolean unread() {
    return upstream == null && carried == null && spooled == null && !missing;
  }
}
