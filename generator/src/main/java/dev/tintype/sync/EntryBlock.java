package dev.tintype.sync;

import dev.tintype.format.manifest.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One block of an {@link EntryTable}'s scratch file: its keys, and its entries decoded on first
 * use. A lookup wants one entry of a block, and decoding all of them (digests to hex, each checked)
 * was most of a nightly's lookup time.
 */
final class EntryBlock {
  final String[] keys;
  private final int[] starts;
  private final byte[] buf;
  private final FileEntry[] entries;

  EntryBlock(String[] keys, int[] starts, byte[] buf) {
    this.keys = keys;
    this.starts = starts;
    this.buf = buf;
    this.entries = new FileEntry[keys.length];
  }

  // Racing readers may both decode an entry; either result is the same immutable value.
  FileEntry entry(int i) {
    FileEntry e = entries[i];
    if (e == null) {
      try (DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(buf, starts[i], buf.length - starts[i]))) {
        e = EntryCodec.readEntry(in, keys[i]);
      } catch (IOException x) {
        throw new UncheckedIOException("decoding an entry of the previous snapshot's index", x);
      }
      entries[i] = e;
    }
    return e;
  }
}
