package dev.tintype.sync;

/** Where the core reports what it does. Only the CLI prints. */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  default void info(String repo, String message) {}

  default void warn(String repo, String message) {}

  /** A phase starts: "download", "index", "commit", "latest". */
  default void phase(String repo, String phase) {}

  /** {@code done} of {@code total} items of a phase, such as "download". */
  default void progress(String repo, String phase, long done, long total) {}
}
