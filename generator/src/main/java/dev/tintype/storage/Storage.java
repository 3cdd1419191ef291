package dev.tintype.storage;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where snapshots live: a filesystem or an object store. Keys are relative to the root and use
 * {@code /}. It promises no atomic rename; publishing goes through {@link #begin}.
 */
public interface Storage extends Closeable {

  /** Says where this is, for messages: never contains a secret. */
  String describe();

  boolean exists(String key) throws IOException;

  /** The size of an object, or empty if there is none. */
  Optional<Long> size(String key) throws IOException;

  /** Opens an object; {@link java.nio.file.NoSuchFileException} naming the key if missing. */
  InputStream open(String key) throws IOException;

  /**
   * Stores {@code source} under {@code key}, through a temporary name. Identical content already
   * there is left alone ({@code false}); different content is a {@link StorageConflictException}.
   * With {@code consume}, the source file may be moved rather than copied, and is gone once this
   * returns.
   */
  boolean put(String key, Path source, boolean consume) throws IOException;

  /**
   * As {@link #put(String, Path, boolean)}, for a file whose size and digests the caller computed
   * from the bytes it wrote: a store that needs them (S3: the ETag check, the sha256 metadata) does
   * not read the file again for them.
   */
  default boolean put(String key, Path source, boolean consume, KnownDigests known)
      throws IOException {
    return put(key, source, consume);
  }

  /** As {@link #put(String, Path, boolean)}, for small content held in memory. */
  boolean put(String key, byte[] content) throws IOException;

  /**
   * Stores {@code content} under {@code key}, replacing what is there in one step (readers see the
   * old or the new content, never a part). Only for the few mutable files outside snapshots, such
   * as the root {@code index.html} and the purge record.
   */
  default void replace(String key, byte[] content) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot replace " + key);
  }

  /** Every key below {@code prefix + "/"}, sorted. Empty if there is none. */
  List<String> list(String prefix) throws IOException;

  /**
   * As {@link #list}, read as it is walked where the storage can (the pool of a large mirror has
   * millions of keys): in {@link String} order on a filesystem, in S3's order (UTF-8 bytes, the
   * same for ASCII keys) on S3. A failure while walking throws {@link
   * java.io.UncheckedIOException}.
   */
  default Iterator<String> listing(String prefix) throws IOException {
    return list(prefix).iterator();
  }

  /** The names directly below {@code prefix} (files and directories alike), sorted. */
  List<String> children(String prefix) throws IOException;

  void delete(String key) throws IOException;

  /**
   * Deletes a snapshot so that it never looks published while half deleted: it stops being
   * published first (a filesystem renames the directory out of the served tree; S3 deletes the
   * manifest), then its files go. Also removes an unpublished {@code <repo>/<date>} a failed run
   * left. The caller holds the repository's lock and has made sure {@code latest} does not serve
   * it.
   */
  default void deleteSnapshot(RepoName repo, SnapshotDate date) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot collect garbage");
  }

  /**
   * What failed runs of a repository left behind and nothing serves: staging directories and trash
   * on a filesystem, {@code <repo>/<date>/} objects without a manifest on S3. Keys of trees,
   * sorted, for {@link #deleteAbandoned}. Only meaningful while holding the repository's lock: a
   * running sync's work in progress looks the same.
   */
  default List<String> abandoned(RepoName repo) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot collect garbage");
  }

  /** Deletes one tree that {@link #abandoned} named; refuses any other key. */
  default void deleteAbandoned(String key) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot collect garbage");
  }

  /**
   * After {@link #delete} of {@code key}, removes its parent directories that are now empty, up to
   * but not including {@code stop} (such as {@code pool}); nothing on a store without directories.
   */
  default void removeEmptyParents(String key, String stop) throws IOException {}

  /**
   * Whether a sync checks that a pool file the previous snapshot lists is still there before it
   * lists it again. Where that is a stat (a filesystem), it does; where it is a request per file or
   * a listing of the whole pool (S3: minutes, and gigabytes of keys, at millions of objects), that
   * manifest is trusted: nothing but {@code purge} (whose record a sync reads) removes a published
   * snapshot's pool files, and {@code verify} checks them.
   */
  default boolean checksReusedPoolFiles() {
    return true;
  }

  /**
   * Runs small tasks of a few requests each (a HEAD, a GET of a summary) and gives their results in
   * task order, or throws the first failure. A store with round trips to hide (S3) runs them at
   * once and lets every task finish first; others run them in order. A task must not look up pool
   * objects (on S3 that waits for a listing run by the same workers).
   */
  default <T> List<T> inParallel(List<Callable<T>> tasks) throws IOException {
    List<T> out = new ArrayList<>(tasks.size());
    for (Callable<T> t : tasks) {
      try {
        out.add(t.call());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    return out;
  }

  /** Starts building a snapshot that becomes visible, whole, only on commit. */
  SnapshotTransaction begin(RepoName repo, SnapshotDate date) throws IOException;

  /** Makes {@code <repo>/latest} serve the given published snapshot. */
  void pointLatest(RepoName repo, SnapshotDate date) throws IOException;

  /** The date {@code <repo>/latest} serves, if any. */
  Optional<SnapshotDate> latest(RepoName repo) throws IOException;

  /**
   * Takes the repository's lock, or fails naming who holds it. {@code holder} says what takes it
   * ({@code sync}, {@code import}); the lock records it with this host, pid and start time ({@link
   * LockHolder}).
   */
  StorageLock lock(RepoName repo, String holder, boolean breakStale) throws IOException;

  /**
   * Whether {@link SnapshotTransaction#link} places files. Where it does not (S3), a manifest's
   * links, such as one imported from a filesystem side, name nothing to check.
   */
  default boolean placesLinks() {
    return true;
  }

  /** A local directory for downloads in progress, ideally on the same device as the pool. */
  Path scratch() throws IOException;
}
