package dev.tintype.gc;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.util.List;

/**
 * What a gc does, told as it goes; each deletion is announced before it happens (in a dry run,
 * instead of it). Only the CLI prints. An exception thrown here stops the gc where it is, as a kill
 * would: whatever it has not deleted yet stays.
 */
public interface GcListener {
  /** The repositories whose locks the gc holds while it runs. */
  default void locked(List<RepoName> repos) {}

  /** The remains of a failed run (a staging or trash directory, objects without a manifest). */
  default void abandoned(String key) {}

  /** A snapshot the retention policy does not keep; {@code bytes} are its own files. */
  default void snapshot(RepoName repo, SnapshotDate date, long bytes) {}

  /**
   * A sharded run ({@code .tintype/runs/<id>/}) whose snapshot is published, or older than every
   * snapshot kept: its shard results and stored pages.
   */
  default void run(String id) {}

  /** The pool files the remaining snapshots reference are marked; that many snapshots remain. */
  default void marked(int snapshots) {}

  /** A pool file no remaining snapshot references. */
  default void poolFile(String key, long bytes) {}

  /**
   * How far a long step has come: {@code done} of {@code total} items, and for {@link Step#SWEEP}
   * the {@code bytes} it has freed (would free, in a dry run) so far, else -1. Each step starts
   * with {@code done} 0 and ends with {@code done == total}.
   */
  default void progress(Step step, long done, long total, long bytes) {}

  /** The long steps of a gc. */
  enum Step {
    /** The manifests of the remaining snapshots read; items are snapshots. */
    MARK("mark"),
    /** The pool listed and compared with the marks; items are pool files. */
    SWEEP("sweep");

    private final String id;

    Step(String id) {
      this.id = id;
    }

    /** The word the console prints. */
    public String id() {
      return id;
    }
  }
}
