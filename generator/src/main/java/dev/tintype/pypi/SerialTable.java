package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Projects' serials by normalized name, in 16 bytes each: a sorted table of 64-bit name hashes
 * beside their serials. A {@code Map<String, Long>} of all of PyPI's 700,000 projects, twice (the
 * upstream list and the last snapshot's), took much of a small heap. Two names whose hashes collide
 * both read as unlisted, which costs a page read, never a wrong carry.
 */
final class SerialTable {
  static final SerialTable EMPTY = new Builder().build();
  // Serial of names that share a hash with another: none of them can be told apart.
  private static final long AMBIGUOUS = Long.MIN_VALUE;

  private final long[] hashes;
  private final long[] serials;

  private SerialTable(long[] hashes, long[] serials) {
    this.hashes = hashes;
    this.serials = serials;
  }

  static SerialTable of(Map<String, Long> serials) {
    Builder b = new Builder();
    serials.forEach((name, serial) -> b.add(name, serial));
    return b.build();
  }

  /** The serial listed for the project of this normalized name, or null. */
  Long get(String normalized) {
    int i = Arrays.binarySearch(hashes, hash(normalized));
    return i < 0 || serials[i] == AMBIGUOUS ? null : serials[i];
  }

  boolean isEmpty() {
    return hashes.length == 0;
  }

  // FNV-1a over the UTF-8 bytes, 64 bits.
  static long hash(String normalized) {
    long h = 0xcbf29ce484222325L;
    for (byte b : normalized.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Collects names and serials in any order; a name given twice reads as unlisted. */
  static final class Builder {
    private long[] hashes = new long[1024];
    private long[] serials = new long[1024];
    private int size;

    /**
     * Adds a project; {@code name} as upstream spells it or normalized, a negative serial skipped.
     */
    void add(String name, long serial) {
      if (serial < 0) {
        return;
      }
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        serials = Arrays.copyOf(serials, size * 2);
      }
      hashes[size] = hash(ProjectName.normalize(name));
      serials[size] = serial;
      size++;
    }

    SerialTable build() {
      // Sort the pairs by hash: an index sort over primitives would need boxing, so pack them.
      long[][] pairs = new long[size][];
      for (int i = 0; i < size; i++) {
        pairs[i] = new long[] {hashes[i], serials[i], i};
      }
      Arrays.sort(
          pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[2], b[2]));
      long[] h = new long[size];
      long[] s = new long[size];
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (n > 0 && h[n - 1] == pairs[i][0]) {
          // The same hash again: the same name listed twice, or a collision, which this table
          // cannot tell apart: neither is trusted, and the page is read.
          s[n - 1] = AMBIGUOUS;
          continue;
        }
        h[n] = pairs[i][0];
        s[n] = pairs[i][1];
        n++;
      }
      return new SerialTable(Arrays.copyOf(h, n), Arrays.copyOf(s, n));
    }
  }
}
