package dev.tintype.pypi;

import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.EntryCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The pool files a run adds, by path, in a scratch file: a first sync of all of PyPI adds millions,
 * and their paths and digests held in memory outgrew the heap. Memory holds one hash and one offset
 * per entry; a lookup reads its record back (from the page cache: it was written moments before).
 * Safe for concurrent use.
 */
final class AddedFiles implements java.io.Closeable {
  private final ScratchRecords records;
  // Open addressing: offsets[i] is -1 where free; hashes[i] is the path's hash there.
  private int[] hashes = new int[1024];
  private long[] offsets = newOffsets(1024);
  private int size;

  AddedFiles(Path scratch) throws IOException {
    this.records = new ScratchRecords(scratch, "added-");
  }

  private static long[] newOffsets(int n) {
    long[] o = new long[n];
    Arrays.fill(o, -1);
    return o;
  }

  /** Records {@code e} under its path, replacing what was there. */
  synchronized void put(FileEntry e) {
    int slot = find(e.path());
    long offset;
    try {
      ByteArrayOutputStream record = new ByteArrayOutputStream(256);
      EntryCodec.write(new DataOutputStream(record), e);
      offset = records.append(record);
    } catch (IOException x) {
      throw new UncheckedIOException("recording pool file " + e.path() + " in scratch", x);
    }
    if (offsets[slot] < 0) {
      size++;
    }
    hashes[slot] = e.path().hashCode();
    offsets[slot] = offset;
    // Three quarters full at most: at a first sync of 100,000 projects (360,000 files) the table
    // is 6 MB instead of 12.
    if (size * 4 > offsets.length * 3) {
      grow();
    }
  }

  /** The entry recorded under {@code path}, or null. */
  synchronized FileEntry get(String path) {
    int slot = find(path);
    return offsets[slot] < 0 ? null : read(offsets[slot]);
  }

  // The slot holding path, or the free slot where it would go.
  private int find(String path) {
    int h = path.hashCode();
    int mask = offsets.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      if (offsets[i] < 0) {
        return i;
      }
      if (hashes[i] == h && read(offsets[i]).path().equals(path)) {
        return i;
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  private void grow() {
    int[] oldHashes = hashes;
    long[] oldOffsets = offsets;
    hashes = new int[oldHashes.length * 2];
    offsets = newOffsets(oldOffsets.length * 2);
    int mask = offsets.length - 1;
    for (int j = 0; j < oldOffsets.length; j++) {
      if (oldOffsets[j] < 0) {
        continue;
      }
      int i = mix(oldHashes[j]) & mask;
      while (offsets[i] >= 0) {
        i = (i + 1) & mask;
      }
      hashes[i] = oldHashes[j];
      offsets[i] = oldOffsets[j];
    }
  }

  private FileEntry read(long offset) {
    try {
      return EntryCodec.read(new DataInputStream(new ByteArrayInputStream(records.read(offset))));
    } catch (IOException x) {
      throw new UncheckedIOException("reading a pool file record back from scratch", x);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    records.close();
  }
}
