package dev.tintype.sync;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Reads what is published: a snapshot exists exactly when its manifest does. */
public final class Snapshots {
  private Snapshots() {}

  /** Published dates of a repository, oldest first. */
  public static List<SnapshotDate> published(Storage storage, RepoName repo) throws IOException {
    List<SnapshotDate> dates = dated(storage, repo);
    List<Callable<Boolean>> asks = new ArrayList<>();
    for (SnapshotDate d : dates) {
      asks.add(() -> isPublished(storage, repo, d));
    }
    // One HEAD per dated prefix: at once where they are round trips (a year of dailies on S3).
    List<Boolean> published = storage.inParallel(asks);
    List<SnapshotDate> out = new ArrayList<>();
    for (int i = 0; i < dates.size(); i++) {
      if (published.get(i)) {
        out.add(dates.get(i));
      }
    }
    out.sort(null);
    return out;
  }

  public static Manifest manifest(Storage storage, RepoName repo, SnapshotDate date)
      throws IOException {
    String key = Layout.manifest(repo, date);
    try (InputStream in = storage.open(key)) {
      return ManifestJson.read(in, key);
    }
  }

  /**
   * The newest snapshot before {@code date}, else the newest at all, read into {@code scratch}
   * (which must be the caller's own; close the snapshot to delete what it wrote there).
   */
  public static Optional<PreviousSnapshot> previous(
      Storage storage, RepoName repo, SnapshotDate date, Path scratch) throws IOException {
    Optional<SnapshotDate> pick = previousDate(storage, repo, date);
    if (pick.isEmpty()) {
      return Optional.empty();
    }
    String key = Layout.manifest(repo, pick.get());
    return Optional.of(PreviousSnapshot.read(storage.open(key), key, scratch));
  }

  // Newest first, asking for one manifest at a time: after a year of nightlies a repository has
  // hundreds of dates, and the one wanted is nearly always the newest.
  private static Optional<SnapshotDate> previousDate(
      Storage storage, RepoName repo, SnapshotDate date) throws IOException {
    List<SnapshotDate> dates = dated(storage, repo);
    Optional<SnapshotDate> before =
        newestPublished(storage, repo, dates, d -> d.compareTo(date) < 0);
    // None before it: the newest at all.
    return before.isPresent()
        ? before
        : newestPublished(storage, repo, dates, d -> d.compareTo(date) >= 0);
  }

  /** The newest published snapshot of a repository. */
  public static Optional<SnapshotDate> newest(Storage storage, RepoName repo) throws IOException {
    return newestPublished(storage, repo, dated(storage, repo), d -> true);
  }

  // The first of dates (newest first) that is wanted and published.
  private static Optional<SnapshotDate> newestPublished(
      Storage storage, RepoName repo, List<SnapshotDate> dates, Predicate<SnapshotDate> wanted)
      throws IOException {
    for (SnapshotDate d : dates) {
      if (wanted.test(d) && isPublished(storage, repo, d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The dates a repository has prefixes for, published or not, newest first. */
  private static List<SnapshotDate> dated(Storage storage, RepoName repo) throws IOException {
    List<SnapshotDate> out = new ArrayList<>();
    for (String child : storage.children(Layout.repo(repo))) {
      if (SnapshotDate.looksLikeDate(child)) {
        out.add(SnapshotDate.parse(child));
      }
    }
    out.sort(Comparator.reverseOrder());
    return out;
  }

  private static boolean isPublished(Storage storage, RepoName repo, SnapshotDate d)
      throws IOException {
    return storage.exists(Layout.manifest(repo, d));
  }

  /** Points latest at the newest published snapshot; also finishes a run killed before it. */
  public static void repairLatest(Storage storage, RepoName repo) throws IOException {
    Optional<SnapshotDate> newest = newest(storage, repo);
    if (newest.isPresent() && !storage.latest(repo).equals(newest)) {
      storage.pointLatest(repo, newest.get());
    }
  }
}
