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
import java.util.List;
import java.util.Optional;

/** Reads what is published: a snapshot exists exactly when its manifest does. */
public final class Snapshots {
  private Snapshots() {}

  /** Published dates of a repository, oldest first. */
  public static List<SnapshotDate> published(Storage storage, RepoName repo) throws IOException {
    List<SnapshotDate> out = new ArrayList<>();
    for (String child : storage.children(Layout.repo(repo))) {
      if (SnapshotDate.looksLikeDate(child)) {
        SnapshotDate d = SnapshotDate.parse(child);
        if (storage.exists(Layout.manifest(repo, d))) {
          out.add(d);
        }
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

  private static Optional<SnapshotDate> previousDate(
      Storage storage, RepoName repo, SnapshotDate date) throws IOException {
    List<SnapshotDate> dates = published(storage, repo);
    SnapshotDate pick = null;
    for (SnapshotDate d : dates) {
      if (d.compareTo(date) < 0) {
        pick = d;
      }
    }
    if (pick == null && !dates.isEmpty()) {
      pick = dates.get(dates.size() - 1);
    }
    return Optional.ofNullable(pick);
  }

  /** Points latest at the newest published snapshot; also finishes a run killed before it. */
  public static void repairLatest(Storage storage, RepoName repo) throws IOException {
    List<SnapshotDate> dates = published(storage, repo);
    if (dates.isEmpty()) {
      return;
    }
    SnapshotDate newest = dates.get(dates.size() - 1);
    if (!storage.latest(repo).map(newest::equals).orElse(false)) {
      storage.pointLatest(repo, newest);
    }
  }
}
