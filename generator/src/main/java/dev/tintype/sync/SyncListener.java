package dev.tintype.sync;

/** Where the core reports what it does. Only the CLI prints. */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  /** A repository's sync starts. */
  default void started(String repo) {}

  /** A repository's sync ended; {@code outcome} says how. */
  default void finished(Syncer.Outcome outcome) {}

  /** A repository's sync failed with {@code failure}, which the sync then throws. */
  default void failed(String repo, Throwable failure) {}

  default void info(String repo, String message) {}

  default void warn(String repo, String message) {}

  /** A phase starts. */
  default void phase(String repo, Phase phase) {}

  /** {@code done} of {@code total} items of a phase, such as "download". */
  default void progress(String repo, Phase phase, long done, long total) {}

  /**
   * As {@link #progress(String, Phase, long, long)} for a phase that also knows its bytes: {@code
   * bytes} so far of {@code totalBytes}; either is -1 when unknown. Listeners that do not care
   * about bytes hear the count only.
   */
  default void progress(
      String repo, Phase phase, long done, long total, long bytes, long totalBytes) {
    progress(repo, phase, done, total);
  }
}
