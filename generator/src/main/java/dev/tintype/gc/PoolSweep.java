package dev.tintype.gc;

import dev.tintype.format.layout.Layout;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.util.Iterator;

/** The sweep of a gc: the pool files no remaining snapshot references go. */
final class PoolSweep {
  private PoolSweep() {}

  /**
   * Deletes the pool files that are not referenced: a merge of the sorted pool listing with the
   * sorted references. Returns the count and bytes deleted, then those of the pool files kept
   * (their sizes as the manifests list them: no request per kept file).
   */
  static long[] sweep(
      Storage storage,
      GcListener listener,
      Iterator<GarbageCollector.Ref> referenced,
      boolean dryRun)
      throws IOException {
    long files = 0;
    long bytes = 0;
    long seen = 0;
    long keptBytes = 0;
    GarbageCollector.Ref ref = referenced.hasNext() ? referenced.next() : null;
    // Walked, not listed whole: the pool of all of PyPI has millions of keys. Its length is known
    // only at the end.
    Iterator<String> pool = storage.listing(Layout.POOL);
    listener.progress(GcListener.Step.SWEEP, 0, -1, 0);
    String last = null;
    try {
      while (pool.hasNext()) {
        String key = pool.next();
        // The merge below is only right over keys in order: a listing out of order (an S3 key
        // beyond the BMP sorts otherwise in UTF-8) stops the gc rather than delete a kept file.
        if (last != null && last.compareTo(key) >= 0) {
          throw new IOException(
              "the pool listing is not in order ('"
                  + last
                  + "' before '"
                  + key
                  + "'); nothing"
                  + " more is deleted");
        }
        last = key;
        seen++;
        while (ref != null && ref.key().compareTo(key) < 0) {
          ref = referenced.hasNext() ? referenced.next() : null;
        }
        if (ref != null && key.equals(ref.key())) {
          keptBytes += ref.size();
        } else {
          long size = storage.size(key).orElse(0L);
          listener.poolFile(key, size);
          if (!dryRun) {
            storage.delete(key);
            storage.removeEmptyParents(key, Layout.POOL);
          }
          files++;
          bytes += size;
        }
        listener.progress(GcListener.Step.SWEEP, seen, -1, bytes);
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    listener.progress(GcListener.Step.SWEEP, seen, seen, bytes);
    return new long[] {files, bytes, seen - files, keptBytes};
  }
}
