package dev.tintype.gc;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.shard.ShardResult;
import dev.tintype.shard.ShardResults;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sharded runs under {@code .tintype/runs/<id>/}: a run is done once its date is published for
 * every repository it synced, or is older than every snapshot the gc keeps of one of them (a
 * publish now would be pruned at once); gc deletes it. The pool files of the other runs are held as
 * if a snapshot referenced them: their publish has yet to list them.
 */
final class ShardRuns {
  /** One run as its shard results tell it: the date, the repositories and the files stored. */
  record Run(String id, SnapshotDate date, Set<String> repos, List<FileEntry> files) {}

  private ShardRuns() {}

  /**
   * Every run with at least one readable shard result; a run none of whose results can be read
   * (still starting, or written by another version) is left alone.
   */
  static List<Run> read(Storage storage) throws IOException {
    List<Run> out = new ArrayList<>();
    for (String name : storage.children(Layout.runs())) {
      if (!Layout.isRunId(name)) {
        continue;
      }
      Optional<Run> run = run(storage, name);
      run.ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Run> run(Storage storage, String id) throws IOException {
    SnapshotDate date = null;
    Set<String> repos = new TreeSet<>();
    List<FileEntry> files = new ArrayList<>();
    for (String name : storage.children(Layout.runDir(id))) {
      int index = shardIndex(name);
      if (index < 0) {
        continue;
      }
      ShardResult r;
      try {
        r = ShardResults.read(storage, id, index).orElse(null);
      } catch (IOException e) {
        continue;
      }
      if (r == null) {
        continue;
      }
      date = SnapshotDate.parse(r.date());
      for (ShardResult.Repo repo : r.repos()) {
        repos.add(repo.repo());
        files.addAll(repo.files());
      }
    }
    return date == null ? Optional.empty() : Optional.of(new Run(id, date, repos, files));
  }

  /** The index of {@code shard-<I>.json}, or -1. */
  private static int shardIndex(String name) {
    if (!name.matches("shard-\\d{1,5}\\.json")) {
      return -1;
    }
    return Integer.parseInt(name.substring("shard-".length(), name.length() - ".json".length()));
  }

  /**
   * Whether gc deletes {@code run}, given the snapshots published before it and those it keeps, by
   * repository.
   */
  static boolean done(
      Run run,
      Map<RepoName, List<SnapshotDate>> published,
      Map<RepoName, List<SnapshotDate>> kept) {
    if (run.repos().isEmpty()) {
      return false;
    }
    for (String name : run.repos()) {
      RepoName repo = new RepoName(name);
      List<SnapshotDate> was = published.getOrDefault(repo, List.of());
      List<SnapshotDate> stays = kept.getOrDefault(repo, List.of());
      boolean isPublished = was.contains(run.date());
      boolean tooOld = !stays.isEmpty() && run.date().compareTo(stays.get(0)) < 0;
      if (!isPublished && !tooOld) {
        return false;
      }
    }
    return true;
  }

  /**
   * Deletes a run: its shard results first, so that a run half deleted is one publish refuses, then
   * the pages its shards kept. Returns what it deleted.
   */
  static List<String> delete(Storage storage, String id) throws IOException {
    List<String> keys = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String key : storage.list(Layout.runDir(id))) {
      (shardIndex(key.substring(key.lastIndexOf('/') + 1)) >= 0 ? keys : rest).add(key);
    }
    keys.addAll(rest);
    for (String key : keys) {
      storage.delete(key);
      storage.removeEmptyParents(key, Layout.runs());
    }
    return keys;
  }
}
