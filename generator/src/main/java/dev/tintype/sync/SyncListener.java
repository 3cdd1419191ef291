package dev.tintype.sync;

/** Where the core reports what it does. Only the CLI prints. */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  default void info(String repo, String message) {}

  default void warn(String repo, String message) {}

  /** A phase starts. */
  default void phase(String repo, Phase phase) {}

  /** {@code done} of {@code total} items of a phase, such as "download". */
  default void progress(String repo, Phase phase, long done, long total) {}
}
