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
 */
public record FileChange(
    Kind kind, String name, String version, String filename, String reason, String previousReason) {

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

  static FileChange of(Kind kind, String name, String version, String filename) {
    return new FileChange(kind, name, version, filename, null, null);
  }
}
