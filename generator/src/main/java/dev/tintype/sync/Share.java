package dev.tintype.sync;

import dev.tintype.format.manifest.FileEntry;
import java.io.IOException;
import java.util.List;

/**
 * What a sharded run (package {@code dev.tintype.shard}) adds to a mirror's work: which packages
 * this process fetches, the pool files the run's shards already stored, and a check of the upstream
 * index the mirror planned from. {@link #WHOLE} is an ordinary sync: everything, nothing more.
 */
public interface Share {
  /** An ordinary sync: every package is this process's, nothing was stored before. */
  Share WHOLE =
      new Share() {
        @Override
        public boolean owns(String name) {
          return true;
        }

        @Override
        public List<FileEntry> stored() {
          return List.of();
        }

        @Override
        public void planned(String dir, String digest) {}
      };

  /** Whether this process fetches the package or project {@code name}. */
  boolean owns(String name);

  /** Pool files this run stored already, usable as if an earlier snapshot listed them. */
  List<FileEntry> stored();

  /**
   * Whether the package or project {@code name} is carried unchanged from the previous snapshot
   * instead of taken from upstream ({@code publish --carry-forward} of a shard that did not
   * finish).
   */
  default boolean carried(String name) {
    return false;
  }

  /** What the snapshot's manifest says about this share, as properties. */
  default java.util.Map<String, String> note() {
    return java.util.Map.of();
  }

  /** Called as a shard has fetched a batch of its files, so that its result can record them. */
  default void fetched(List<FileEntry> files) throws IOException {}

  /**
   * Called with the digest of the upstream index of {@code dir} (a snapshot-relative directory)
   * that the mirror planned from; a publish refuses one its shards did not plan from.
   */
  void planned(String dir, String digest) throws IOException;
}
