package dev.tintype.shard;

import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
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

  private Function<RepoConfig, Share> shares(
      String run, List<ShardResult> results, List<Integer> carried, int shards)
      throws NotReadyException {
    Map<String, PublishShare.Builder> repos = new TreeMap<>();
    for (ShardResult r : results) {
      for (ShardResult.Repo repo : r.repos()) {
        repos
            .computeIfAbsent(
                repo.repo(),
                k -> new PublishShare.Builder(storage, run, k, shards, List.copyOf(carried)))
            .add(r.shard(), repo);
      }
    }
    Map<String, Share> built = new TreeMap<>();
    for (Map.Entry<String, PublishShare.Builder> b : repos.entrySet()) {
      built.put(b.getKey(), b.getValue().build());
    }
    return repo ->
        built.getOrDefault(
            repo.name().name(),
            new PublishShare.Builder(storage, run, repo.name().name(), shards, carried).build());
  }
}
