package dev.tintype.storage;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lossy, thread-safe memory of directories known to exist: 64-bit fingerprints of their paths in
 * a direct-mapped table of fixed size (512 KiB), so that it never grows with the repository. A
 * newer directory may evict an older one from its slot; two paths may, very rarely, share a
 * fingerprint. Callers treat "known" as a hint whose failure they handle.
 */
final class KnownDirectories {
  private static final int SLOTS = 1 << 16;
  // The pool has 256 + 65,536 parent directories (pool/ab, pool/ab/cd).
  private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

  boolean contains(Path dir) {
    long f = fingerprint(dir);
    return slots.get(slot(f)) == f;
  }

  void add(Path dir) {
    long f = fingerprint(dir);
    slots.set(slot(f), f);
  }

  private static int slot(long f) {
    return (int) (f ^ (f >>> 32)) & (SLOTS - 1);
  }

  // FNV-1a over the path's chars; 0 marks an empty slot, so it is never a fingerprint.
  static long fingerprint(Path dir) {
    String s = dir.toString();
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }
}
