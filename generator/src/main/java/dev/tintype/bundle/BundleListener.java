package dev.tintype.bundle;

/** Hears how an export or import goes. Every method may be called from the working thread only. */
public interface BundleListener {
  BundleListener NONE = new BundleListener() {};

  /** A chunk is about to be written, or verified and read. */
  default void chunk(String name, int number, int total) {}

  /** The unfinished export found in {@code dir} was cleared: {@code files} files deleted. */
  default void unfinishedExportCleared(java.nio.file.Path dir, int files) {}

  /** A chunk was not read: every file it holds is already in storage. */
  default void chunkSkipped(String name, int number, int total) {}

  /** A file was verified and stored in the pool; {@code stored} counts them so far. */
  default void stored(String key, int stored) {}

  /** An import leaves out a pool file that tintype purge deleted (see .tintype/purges.json). */
  default void purged(String key) {}
}
