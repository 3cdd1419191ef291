package dev.tintype.diff;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What changed in one repository from the older snapshot {@code from} to the newer {@code to}:
 * packages in the order a diff lists them (by kind, then name), then files (changes of content
 * first, then yanks, each by name and file name). A Bioconductor diff orders both lists by release
 * and area first.
 *
 * @param type the repository's type, such as {@code cran}, {@code pypi} or {@code bioconductor}
 * @param reordered whether the dates were given newest first, and so swapped
 */
public record DiffReport(
    RepoName repo,
    String type,
    SnapshotDate from,
    SnapshotDate to,
    boolean reordered,
    List<PackageChange> packages,
    List<FileChange> files) {

  /** Names as a person scans a list: case aside first, then exactly, so the order is total. */
  static final Comparator<String> NAMES =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  private static final Comparator<BiocArea> AREAS = Comparator.nullsFirst(BiocArea.ORDER);

  public DiffReport {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(type, "type");
    if (from.compareTo(to) > 0) {
      throw new IllegalArgumentException(
          "a diff goes from the older snapshot, not " + from + " > " + to);
    }
    List<PackageChange> p = new ArrayList<>(packages);
    p.sort(
        Comparator.comparing(PackageChange::area, AREAS)
            .thenComparing(PackageChange::kind)
            .thenComparing(PackageChange::name, NAMES));
    packages = List.copyOf(p);
    List<FileChange> f = new ArrayList<>(files);
    f.sort(
        Comparator.comparing(FileChange::area, AREAS)
            .thenComparing((FileChange c) -> c.kind().isYank())
            .thenComparing(FileChange::name, NAMES)
            .thenComparing(FileChange::filename)
            .thenComparing(FileChange::kind));
    files = List.copyOf(f);
  }

  public int count(PackageChange.Kind kind) {
    return (int) packages.stream().filter(c -> c.kind() == kind).count();
  }

  /** Files added, removed or replaced within a version both snapshots have. */
  public int fileChanges() {
    return (int) files.stream().filter(c -> !c.kind().isYank()).count();
  }

  public int yankChanges() {
    return (int) files.stream().filter(c -> c.kind().isYank()).count();
  }

  public boolean isEmpty() {
    return packages.isEmpty() && files.isEmpty();
  }
}
