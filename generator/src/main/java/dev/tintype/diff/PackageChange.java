package dev.tintype.diff;

import java.util.List;
import java.util.Objects;

/**
 * How one package (a CRAN package, a PyPI project, a Bioconductor package in one release and area)
 * changed between two snapshots.
 *
 * @param from its newest version in the older snapshot; null when added (or none was readable)
 * @param to its newest version in the newer snapshot; null when removed (or none was readable)
 * @param versionsAdded versions only the newer snapshot has, oldest first
 * @param versionsRemoved versions only the older snapshot has, oldest first
 * @param area the Bioconductor release and area the change is in; null for other types
 */
public record PackageChange(
    Kind kind,
    String name,
    String from,
    String to,
    List<String> versionsAdded,
    List<String> versionsRemoved,
    BiocArea area) {

  /** In the order a diff lists them. */
  public enum Kind {
    ADDED,
    REMOVED,
    UPGRADED,
    DOWNGRADED,
    /** PyPI: the newest version is the same, but versions were added or removed below it. */
    CHANGED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public PackageChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    versionsAdded = List.copyOf(versionsAdded);
    versionsRemoved = List.copyOf(versionsRemoved);
    if (kind == Kind.ADDED && from != null || kind == Kind.REMOVED && to != null) {
      throw new IllegalArgumentException(
          name
              + ": a package "
              + kind.id()
              + " has no "
              + (from != null ? "old" : "new")
              + " version");
    }
  }

  /** A change of a repository that has no areas (CRAN, PyPI, local ones). */
  public PackageChange(
      Kind kind,
      String name,
      String from,
      String to,
      List<String> versionsAdded,
      List<String> versionsRemoved) {
    this(kind, name, from, to, versionsAdded, versionsRemoved, null);
  }

  /**
   * Whether the versions added and removed are just what the kind implies (CRAN, which holds one
   * version per package, always is): {@code to} added and {@code from} removed.
   */
  public boolean versionsImplied() {
    List<String> added = to == null ? List.of() : List.of(to);
    List<String> removed = from == null ? List.of() : List.of(from);
    return kind != Kind.CHANGED && versionsAdded.equals(added) && versionsRemoved.equals(removed);
  }
}
