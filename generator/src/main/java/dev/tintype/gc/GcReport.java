package dev.tintype.gc;

import java.util.List;

/**
 * What a gc deleted, or with {@code dryRun} would delete: the numbers of a dry run equal those of
 * the real gc that follows it on unchanged storage.
 */
public record GcReport(
    boolean dryRun,
    int keptSnapshots,
    List<String> snapshots,
    long snapshotBytes,
    List<String> abandoned,
    long poolFiles,
    long poolBytes) {
  public GcReport {
    snapshots = List.copyOf(snapshots);
    abandoned = List.copyOf(abandoned);
  }

  /** The bytes of deleted snapshot files and pool files (not counting abandoned remains). */
  public long bytesFreed() {
    return snapshotBytes + poolBytes;
  }
}
