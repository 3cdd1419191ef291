package dev.tintype.diff;

import java.util.Objects;

/**
 * How one file changed where its package's version line does not already say so: a file of a
 * version both snapshots have was added, removed or replaced, or it was yanked or un-yanked (PyPI).
 *
 * @param version the file's version as its file name gives it (normalized for PyPI); null if the
 *     name cannot be read
 * @param reason the yank reason in the newer snapshot (YANKED, REASON_CHANGED); "" for none
 * @param previousReason the yank reason in the older snapshot (UNYANKED, REASON_CHANGED)
 * @param area the Bioconductor release and area the change is in; null for other types
 */
public record FileChange(
    Kind kind,
    String name,
    String version,
    String filename,
    String reason,
    String previousReason,
    BiocArea area) {

  /** In the order a diff lists them. */
  public enum Kind {
    ADDED,
    REMOVED,
    /** Same file name, different content. */
    REPLACED,
    YANKED,
    UNYANKED,
    REASON_CHANGED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean isYank() {
      return this == YANKED || this == UNYANKED || this == REASON_CHANGED;
    }
  }

  public FileChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filename, "filename");
  }

  /** A change of a repository that has no areas (CRAN, PyPI, local ones). */
  public FileChange(
      Kind kind,
      String name,
      String version,
      String filename,
      String reason,
      String previousReason) {
    this(kind, name, version, filename, reason, previousReason, null);
  }

  static FileChange of(Kind kind, String name, String version, String filename) {
    return of(kind, name, version, filename, null);
  }

  static FileChange of(Kind kind, String name, String version, String filename, BiocArea area) {
    return new FileChange(kind, name, version, filename, null, null, area);
  }
}
