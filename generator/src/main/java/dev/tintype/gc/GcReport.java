package dev.tintype.gc;

import java.util.List;
import java.util.Map;

/**
 * What a gc deleted, or with {@code dryRun} would delete: the numbers of a dry run equal those of
 * the real gc that follows it on unchanged storage. {@code runs} are the ids of the sharded runs
 * deleted.
 */
public record GcReport(
    boolean dryRun,
    int keptSnapshots,
    List<String> snapshots,
    long snapshotBytes,
    List<String> abandoned,
    long poolFiles,
    long poolBytes,
    Map<String, Integer> keptByRepo,
    PoolSize poolKept,
    List<String> runs) {
  public GcReport {
    runs = List.copyOf(runs);
    snapshots = List.copyOf(snapshots);
    abandoned = List.copyOf(abandoned);
    keptByRepo = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keptByRepo));
  }

  /**
   * The whole pool after the gc: every pool file that stays (in a dry run, that would stay) and
   * their bytes as the manifests list them.
   */
  public record PoolSize(long files, long bytes) {
    public PoolSize {
      if (files < 0 || bytes < 0) {
        throw new IllegalArgumentException("a pool size is not negative: " + files + ", " + bytes);
      }
    }
  }

  /** The bytes of deleted snapshot files and pool files (not counting abandoned remains). */
  public long bytesFreed() {
    return snapshotBytes + poolBytes;
  }
}
