package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Writes a snapshot's objects straight under {@code <repo>/<date>/} (S3 has no rename) and its
 * manifest last: until then no reader, list or verify counts it as published. Objects left by a
 * crashed run are reused when unchanged and deleted when the new snapshot does not have them.
 */
final class S3SnapshotTransaction implements SnapshotTransaction {
  // Bounds the index objects held in memory while they wait for an upload worker.
  private static final int MAX_PENDING = 32;

  private final S3Storage s3;
  private final String base;
  private final String manifestKey;
  private final boolean published;
  private final Map<String, S3Objects.Stored> leftovers;
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final List<Future<Void>> pending = new ArrayList<>();
  private final Semaphore slots = new Semaphore(MAX_PENDING);
  private boolean committed;
  private UploadProgress upload = UploadProgress.NONE;

  S3SnapshotTransaction(S3Storage s3, RepoName repo, SnapshotDate date) throws IOException {
    this.s3 = s3;
    this.base = Layout.snapshot(repo, date) + "/";
    this.manifestKey = Layout.manifest(repo, date);
    this.published = s3.exists(manifestKey);
    this.leftovers = published ? Map.of() : s3.objects().list(Layout.snapshot(repo, date));
  }

  private String place(String relative) throws IOException {
    String key = base + Layout.requireRelative(relative);
    if (published) {
      throw alreadyPublished();
    }
    if (key.equals(manifestKey)) {
      throw new IllegalArgumentException("the manifest is written by commit, not as a file");
    }
    if (!written.add(key)) {
      throw new IOException("two files want the same place '" + relative + "' in the snapshot");
    }
    failFast();
    return key;
  }

  @Override
  public void write(String relative, byte[] content) throws IOException {
    String key = place(relative);
    S3Uploads.Content c = S3Uploads.Content.of(content);
    if (unchangedLeftover(key, c)) {
      return;
    }
    enqueue(key, () -> s3.putReplacing(key, c));
  }

  private interface Request {
    void run() throws IOException;
  }

  /** Runs a request on the storage's workers, with at most MAX_PENDING waiting. */
  private void enqueue(String key, Request r) throws IOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted queueing " + s3.where(key));
    }
    pending.add(
        s3.submit(
            () -> {
              try {
                r.run();
                return null;
              } finally {
                slots.release();
              }
            }));
  }

  @Override
  public void write(String relative, Path source) throws IOException {
    String key = place(relative);
    S3Uploads.Content c = S3Uploads.Content.of(source);
    if (!unchangedLeftover(key, c)) {
      s3.putReplacing(key, c);
    }
  }

  private boolean unchangedLeftover(String key, S3Uploads.Content c) {
    S3Objects.Stored old = leftovers.get(key);
    return old != null && old.size() == c.size() && old.etagIsMd5(c.md5Hex());
  }

  /** S3 has no cheap hard link; indexes point into the pool, so the snapshot does not need one. */
  @Override
  public boolean link(String relative, String poolKey) {
    return false;
  }

  /** A server-side copy: nothing is downloaded or uploaded again. */
  @Override
  public void carry(String relative, String earlierKey, String sha256) throws IOException {
    String key = place(relative);
    enqueue(key, () -> s3.objects().copy(earlierKey, key, sha256));
  }

  /** Stops the sync at the first failed upload rather than after the last. */
  private void failFast() throws IOException {
    for (Iterator<Future<Void>> it = pending.iterator(); it.hasNext(); ) {
      Future<Void> f = it.next();
      if (f.isDone()) {
        it.remove();
        S3Workers.await(f);
      }
    }
  }

  private FileAlreadyExistsException alreadyPublished() {
    return new FileAlreadyExistsException(
        s3.where(manifestKey), null, "snapshot already published; it is never rewritten");
  }

  void awaitAll() throws IOException {
    IOException first = null;
    for (Future<Void> f : pending) {
      try {
        S3Workers.await(f);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    pending.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void commit(byte[] manifest) throws IOException {
    commit(S3Uploads.Content.of(manifest));
  }

  @Override
  public void commit(Path manifest) throws IOException {
    commit(S3Uploads.Content.of(manifest).reporting(upload));
  }

  @Override
  public void onUpload(UploadProgress progress) {
    this.upload = progress;
  }

  private void commit(S3Uploads.Content manifest) throws IOException {
    if (published) {
      throw alreadyPublished();
    }
    awaitAll();
    List<java.util.concurrent.Callable<Void>> stale = new ArrayList<>();
    for (String old : leftovers.keySet()) {
      if (!written.contains(old)) {
        stale.add(
            () -> {
              s3.delete(old);
              return null;
            });
      }
    }
    s3.runAll(stale);
    // Conditional: if another run published this date meanwhile, its manifest stands.
    if (!s3.putIfAbsentExact(manifestKey, manifest)) {
      throw alreadyPublished();
    }
    committed = true;
  }

  /**
   * Abandons an unpublished snapshot: deletes what it wrote. If S3 is unreachable, it stops at the
   * first failure; the objects are invisible without a manifest and the rerun replaces them.
   */
  @Override
  public void close() throws IOException {
    if (committed || published) {
      return;
    }
    // Cancelling would not stop an upload already running, which could land after its delete:
    // wait for them all (at most MAX_PENDING small objects) instead.
    for (Future<Void> f : pending) {
      try {
        S3Workers.await(f);
      } catch (IOException | RuntimeException e) {
        // Already reported by the write or commit that failed.
      }
    }
    pending.clear();
    Set<String> drop = new LinkedHashSet<>(written);
    drop.addAll(leftovers.keySet());
    for (String key : drop) {
      s3.delete(key);
    }
  }
}
