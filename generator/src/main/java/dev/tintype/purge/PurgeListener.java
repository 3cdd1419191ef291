package dev.tintype.purge;

/** What a purge deletes, as it goes; the CLI prints it. */
public interface PurgeListener {
  /** A pool file (or its {@code .metadata} companion) is deleted (or, dry, would be). */
  default void poolFile(String key, long bytes) {}

  /** A snapshot's hard link to a purged pool file is deleted (or, dry, would be). */
  default void link(String key) {}

  /** A listed pool file was already gone, such as after an earlier, interrupted purge. */
  default void alreadyGone(String key) {}
}
