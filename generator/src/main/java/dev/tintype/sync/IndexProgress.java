package dev.tintype.sync;

/**
 * Passes a sync's events on, and reports the snapshot's own files (indexes, pages) as the progress
 * of the index phase while it runs: count and bytes, the total unknown until the phase ends. On S3
 * each write waits for a place in the bounded upload queue, so this is the upload's progress too.
 * Files written in any other phase (the browsable page at commit) are counted but not reported.
 */
final class IndexProgress extends ForwardingSyncListener {
  private final String repo;
  private Phase current;
  private long files;
  private long bytes;

  IndexProgress(SyncListener next, String repo) {
    super(next);
    this.repo = repo;
  }

  /** A file of {@code size} bytes was written into the snapshot. */
  void written(long size) {
    Phase now;
    long n;
    long b;
    synchronized (this) {
      files++;
      bytes += size;
      now = current;
      n = files;
      b = bytes;
    }
    if (now == Phase.INDEX) {
      next.progress(repo, Phase.INDEX, n, -1, b, -1);
    }
  }

  @Override
  public void phase(String r, Phase phase) {
    synchronized (this) {
      current = phase;
    }
    next.phase(r, phase);
  }
}
