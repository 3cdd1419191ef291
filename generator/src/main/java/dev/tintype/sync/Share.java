package dev.tintype.sync;

import dev.tintype.fetch.Fetcher;
import dev.tintype.format.manifest.FileEntry;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a sharded run (package {@code dev.tintype.shard}) adds to a mirror's work: which packages
 * this process fetches, the pool files the run's shards already stored, and a check of the upstream
 * index the mirror planned from, and where upstream's pages come from: a shard keeps what it read
 * for the run, and the publish reads that instead of upstream. {@link #WHOLE} is an ordinary sync:
 * everything, from upstream, nothing more.
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
        public void planned(String dir, Supplier<String> digest) {}
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
   * that the mirror planned from; a publish refuses one its shards did not plan from. The digest is
   * asked for only by a share that keeps it: an unsharded run does not hash its index.
   */
  void planned(String dir, Supplier<String> digest) throws IOException;

  /**
   * Upstream's page or index at {@code url}, as {@link Fetcher#page(URI, String, long,
   * Fetcher.PageReader)} reads it: a shard keeps what upstream gave for the run's publish, and the
   * publish reads what its shards kept, without asking upstream.
   */
  default <T> Optional<T> page(
      Fetcher fetcher, URI url, String accept, long maxBytes, Fetcher.PageReader<T> reader)
      throws IOException {
    return fetcher.page(url, accept, maxBytes, reader);
  }

  /**
   * Upstream's serial of each project (normalized name) from its project list, as {@code read}
   * gives it: a shard keeps those of its own projects, and the publish answers with what its shards
   * kept, without asking upstream.
   */
  default Map<String, Long> serials(Supplier<Map<String, Long>> read) throws IOException {
    return read.get();
  }
}
