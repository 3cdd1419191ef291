package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Which pool objects a bucket holds: one listing of {@code pool/} per run, kept true to the run's
 * own uploads and deletes, instead of a HEAD per object.
 */
final class S3PoolIndex {
  private final S3Objects objects;
  private final S3Workers workers;
  private final Object lock = new Object();
  private volatile Map<String, S3Objects.Stored> listed;
  private List<Future<Map<String, S3Objects.Stored>>> listing;
  private final Map<String, Optional<S3Objects.Stored>> changedWhileListing = new HashMap<>();

  S3PoolIndex(S3Objects objects, S3Workers workers) {
    this.objects = objects;
    this.workers = workers;
  }

  /** Whether the pool has been listed, or is being listed. */
  boolean listedOrListing() {
    synchronized (lock) {
      return listed != null || listing != null;
    }
  }

  /** The pool object at {@code key}, as listed (waits for the listing). */
  Optional<S3Objects.Stored> get(String key) throws IOException {
    return Optional.ofNullable(index().get(key));
  }

  /**
   * The pool's objects, once listed. Waits for the listing without holding the lock, so uploads and
   * deletes made meanwhile (recorded by {@link #changed}) are not held up; never called from a
   * worker task, which could wait on the parts queued behind it.
   */
  private Map<String, S3Objects.Stored> index() throws IOException {
    Map<String, S3Objects.Stored> index = listed;
    if (index != null) {
      return index;
    }
    List<Future<Map<String, S3Objects.Stored>>> parts;
    synchronized (lock) {
      if (listed != null) {
        return listed;
      }
      start();
      parts = listing;
    }
    Map<String, S3Objects.Stored> all = new ConcurrentHashMap<>();
    try {
      for (Future<Map<String, S3Objects.Stored>> part : parts) {
        all.putAll(S3Workers.await(part));
      }
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        if (listing == parts) {
          listing = null; // the next lookup lists again
        }
      }
      throw e;
    }
    synchronized (lock) {
      if (listed == null) {
        changedWhileListing.forEach(
            (key, now) -> {
              if (now.isPresent()) {
                all.put(key, now.get());
              } else {
                all.remove(key);
              }
            });
        changedWhileListing.clear();
        listing = null;
        listed = all;
      }
      return listed;
    }
  }

  /**
   * Starts listing the pool on the workers, in one part per {@link Layout#POOL_SHARDS} prefix: a
   * listing is a chain of pages of 1,000 keys, and the parts are read at once (2,000 objects
   * through S3Proxy: 95 ms against 220 ms in one chain; a pool of millions takes a sixteenth of the
   * sequential round trips).
   */
  private void start() {
    synchronized (lock) {
      if (listed == null && listing == null) {
        changedWhileListing.clear();
        List<Future<Map<String, S3Objects.Stored>>> parts = new ArrayList<>();
        for (String shard : Layout.POOL_SHARDS) {
          parts.add(workers.submit(() -> objects.listStartingWith(shard)));
        }
        listing = parts;
      }
    }
  }

  /** Keeps the pool index true to a pool object stored ({@code now}) or deleted (empty). */
  void changed(String key, Optional<S3Objects.Stored> now) {
    synchronized (lock) {
      if (listed != null) {
        if (now.isPresent()) {
          listed.put(key, now.get());
        } else {
          listed.remove(key);
        }
      } else if (listing != null) {
        // The listing may or may not have seen it: what happened last wins once it is in.
        changedWhileListing.put(key, now);
      }
    }
  }
}
