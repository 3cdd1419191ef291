package dev.tintype.shard;

import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.storage.Storage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Share;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The check before {@code publish --run ID --shards N}: all N shard results are there, finished and
 * without failures, for the same date, planned against the same upstream indexes. What they stored
 * becomes each repository's {@link Share}, so the publish (an ordinary {@link
 * dev.tintype.sync.Syncer} run, with its lock and atomic order) downloads nothing and refuses an
 * upstream index the shards did not see.
 */
public final class ShardedPublish {
  /** The manifest property naming the shards a publish carried from the previous snapshot. */
  public static final String CARRIED_PROPERTY = "carried-forward";

  /** How often {@link #collect} looks again while it waits. */
  static final Duration POLL = Duration.ofSeconds(30);

  /** Why a run cannot be published yet, or ever: names the shards. */
  public static final class NotReadyException extends IOException {
    private static final long serialVersionUID = 1L;

    NotReadyException(String message) {
      super(message);
    }
  }

  /** Waits between polls; tests pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Storage storage;
  private final Sleeper sleeper;

  public ShardedPublish(Storage storage) {
    this(storage, d -> Thread.sleep(d.toMillis()));
  }

  ShardedPublish(Storage storage, Sleeper sleeper) {
    this.storage = storage;
    this.sleeper = sleeper;
  }

  /**
   * The shares of run {@code run}'s {@code shards} results, waiting up to {@code wait} for missing
   * or unfinished ones; refuses, naming them, shards still missing, unfinished or failed then.
   */
  public Function<RepoConfig, Share> collect(
      String run, int shards, SnapshotDate date, Duration wait) throws IOException {
    return collect(run, shards, date, wait, false).shares();
  }

  /**
   * What a publish gets from its shards: each repository's share, and the shards whose packages are
   * carried from the previous snapshot (empty unless carrying forward).
   */
  public record Collected(Function<RepoConfig, Share> shares, List<Integer> carried) {}

  /**
   * As {@link #collect(String, int, SnapshotDate, Duration)}; with {@code carryForward}, shards
   * still missing, unfinished or failed when the wait ends are not refused: their packages are
   * carried from the previous snapshot, and the manifest says so.
   */
  public Collected collect(
      String run, int shards, SnapshotDate date, Duration wait, boolean carryForward)
      throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<ShardResult> results = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < shards; i++) {
        Optional<ShardResult> r = ShardResults.read(storage, run, i);
        if (r.isEmpty()) {
          problems.add("shard " + i + " has no result");
        } else if (r.get().shards() != shards || !r.get().date().equals(date.toString())) {
          throw new NotReadyException(
              "run "
                  + run
                  + ": shard "
                  + i
                  + " is shard "
                  + r.get().shard()
                  + "/"
                  + r.get().shards()
                  + " for "
                  + r.get().date()
                  + ", not of "
                  + shards
                  + " shards for "
                  + date);
        } else if (!r.get().failures().isEmpty()) {
          problems.add("shard " + i + " failed (" + describe(r.get().failures()) + ")");
        } else if (!r.get().complete()) {
          problems.add("shard " + i + " has not finished (still running, or killed)");
        } else {
          results.add(r.get());
        }
      }
      if (problems.isEmpty()) {
        return new Collected(shares(run, results, List.of(), shards), List.of());
      }
      if (System.nanoTime() >= deadline && carryForward && !results.isEmpty()) {
        List<Integer> carried = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
          carried.add(i);
        }
        results.forEach(r -> carried.remove(Integer.valueOf(r.shard())));
        return new Collected(shares(run, results, carried, shards), List.copyOf(carried));
      }
      if (System.nanoTime() >= deadline) {
        throw new NotReadyException(
            "run "
                + run
                + " cannot be published: "
                + String.join("; ", problems)
                + ". Rerun those shards (sync --shard I/"
                + shards
                + " --run "
                + run
                + "), then publish again");
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for the shards of " + run);
      }
    }
  }

  private static String describe(List<ShardResult.Failure> failures) {
    List<String> s = new ArrayList<>();
    failures.forEach(f -> s.add(f.repo() + ": " + f.error()));
    return String.join("; ", s);
  }

  private static Function<RepoConfig, Share> shares(
      String run, List<ShardResult> results, List<Integer> carried, int shards)
      throws NotReadyException {
    Map<String, List<FileEntry>> files = new TreeMap<>();
    Map<String, Map<String, String>> digests = new TreeMap<>();
    Map<String, Integer> digestShard = new TreeMap<>();
    for (ShardResult r : results) {
      for (ShardResult.Repo repo : r.repos()) {
        files.computeIfAbsent(repo.repo(), k -> new ArrayList<>()).addAll(repo.files());
        Map<String, String> seen = digests.computeIfAbsent(repo.repo(), k -> new TreeMap<>());
        for (Map.Entry<String, String> d : repo.digests().entrySet()) {
          String key = repo.repo() + "/" + d.getKey();
          String before = seen.putIfAbsent(d.getKey(), d.getValue());
          digestShard.putIfAbsent(key, r.shard());
          if (before != null && !before.equals(d.getValue())) {
            throw new NotReadyException(
                "run "
                    + run
                    + ": shards "
                    + digestShard.get(key)
                    + " and "
                    + r.shard()
                    + " planned "
                    + key
                    + " against different upstream indexes ("
                    + before
                    + " and "
                    + d.getValue()
                    + "): upstream changed during the run. Rerun every shard with a new --run");
          }
        }
      }
    }
    return repo -> share(run, repo.name().name(), files, digests, carried, shards);
  }

  private static Share share(
      String run,
      String repo,
      Map<String, List<FileEntry>> files,
      Map<String, Map<String, String>> digests,
      List<Integer> carried,
      int shards) {
    List<FileEntry> stored = List.copyOf(files.getOrDefault(repo, List.of()));
    Map<String, String> planned = digests.getOrDefault(repo, Map.of());
    return new Share() {
      @Override
      public boolean owns(String name) {
        return true;
      }

      @Override
      public boolean carried(String name) {
        return !carried.isEmpty() && carried.contains(ShardSpec.shardOf(name, shards));
      }

      @Override
      public Map<String, String> note() {
        if (carried.isEmpty()) {
          return Map.of();
        }
        List<String> names = new ArrayList<>();
        carried.forEach(i -> names.add(i + "/" + shards));
        return Map.of(
            CARRIED_PROPERTY,
            "run " + run + ": shards " + String.join(", ", names) + " from the previous snapshot");
      }

      @Override
      public List<FileEntry> stored() {
        return stored;
      }

      @Override
      public void planned(String dir, String digest) throws IOException {
        String expected = planned.get(dir);
        if (expected == null) {
          throw new NotReadyException(
              "run " + run + ": none of its " + shards + " shards synced " + repo + "/" + dir);
        }
        if (!expected.equals(digest)) {
          throw new BadUpstreamException(
              repo
                  + "/"
                  + dir
                  + ": upstream's index changed since the shards of run "
                  + run
                  + " planned from it (digest "
                  + expected
                  + ", now "
                  + digest
                  + "); nothing was published. Rerun every shard with a new --run");
        }
      }
    };
  }
}
