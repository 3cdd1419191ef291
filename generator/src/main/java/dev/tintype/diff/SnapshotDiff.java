package dev.tintype.diff;

import dev.tintype.config.RepoType;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What changed between two published snapshots of one repository, read from their indexes and
 * manifests only (never from the pool), through {@link Storage}, so it works on a filesystem and on
 * S3 alike.
 */
public final class SnapshotDiff {
  /** How many published dates on each side of an unknown date its error names. */
  private static final int NEARBY = 2;

  private SnapshotDiff() {}

  /**
   * Diffs {@code first} and {@code second}, given in either order: the report always goes from the
   * older to the newer, and says when they were swapped. The same date twice is an empty diff.
   *
   * @throws UnknownSnapshotException naming the repository, the date and the published dates
   *     nearest to it, when either date is not a published snapshot
   */
  public static DiffReport between(
      Storage storage, RepoName repo, RepoType type, SnapshotDate first, SnapshotDate second)
      throws IOException {
    requirePublished(storage, repo, first);
    if (!second.equals(first)) {
      requirePublished(storage, repo, second);
    }
    boolean reordered = first.compareTo(second) > 0;
    SnapshotDate older = reordered ? second : first;
    SnapshotDate newer = reordered ? first : second;
    Changes changes = new Changes();
    if (!older.equals(newer)) {
      switch (type) {
        case CRAN, LOCAL_R -> CranDiff.diff(storage, repo, older, newer, changes);
        case PYPI, LOCAL_PYTHON -> PypiDiff.diff(storage, repo, older, newer, changes);
        case BIOCONDUCTOR -> BiocDiff.diff(storage, repo, older, newer, changes);
      }
    }
    return new DiffReport(
        repo, type.id(), older, newer, reordered, changes.packages, changes.files);
  }

  private static void requirePublished(Storage storage, RepoName repo, SnapshotDate date)
      throws IOException {
    // One existence check in the usual case; the listing, which grows a date a night, only for
    // the message.
    if (storage.exists(Layout.manifest(repo, date))) {
      return;
    }
    List<SnapshotDate> published = Snapshots.published(storage, repo);
    if (published.isEmpty()) {
      throw new UnknownSnapshotException(
          repo + " has no snapshot " + date + ": it has no published snapshot at all");
    }
    throw new UnknownSnapshotException(
        repo
            + " has no snapshot "
            + date
            + " (never published, or not finished); the nearest published: "
            + nearby(published, date).stream()
                .map(String::valueOf)
                .collect(Collectors.joining(", "))
            + " (of "
            + published.size()
            + ", "
            + published.get(0)
            + " to "
            + published.get(published.size() - 1)
            + ")");
  }

  /** Up to {@link #NEARBY} published dates before {@code date} and as many after, in order. */
  static List<SnapshotDate> nearby(List<SnapshotDate> published, SnapshotDate date) {
    int after = 0;
    while (after < published.size() && published.get(after).compareTo(date) < 0) {
      after++;
    }
    int from = Math.max(0, after - NEARBY);
    int to = Math.min(published.size(), after + NEARBY);
    return new ArrayList<>(published.subList(from, to));
  }
}
