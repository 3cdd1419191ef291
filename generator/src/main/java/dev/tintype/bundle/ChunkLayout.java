package dev.tintype.bundle;

import java.io.IOException;

/**
 * Splits a stream of files into chunks as they come, holding only the chunk being filled: fills
 * chunks in file order, splitting a file where a chunk is full so that media fill up; every chunk
 * stays below the chunk size.
 */
final class ChunkLayout {
  /** Hears of each tar entry in order, and of the end of each chunk after its last entry. */
  interface Sink {
    void entry(Toc.BundleFile file, Toc.Entry entry) throws IOException;

    void chunkEnd() throws IOException;
  }

  private final long chunkSize;
  private final Sink sink;
  private long used;
  private boolean open;
  private long total;
  private int chunks;

  ChunkLayout(long chunkSize, Sink sink) {
    this.chunkSize = chunkSize;
    this.sink = sink;
  }

  void add(Toc.BundleFile f) throws IOException {
    long offset = 0;
    while (true) {
      long room = chunkSize - 1 - TarChunks.END - used - TarChunks.entryBytes(f.path(), 0);
      long fit = room < 0 ? -1 : room / TarChunks.BLOCK * TarChunks.BLOCK;
      long remaining = f.size() - offset;
      boolean fits = remaining == 0 ? fit >= 0 : fit >= TarChunks.BLOCK;
      if (!fits) {
        if (!open) {
          throw new IllegalArgumentException(
              "chunk size " + chunkSize + " is too small for the tar header of " + f.path());
        }
        endChunk();
        continue;
      }
      long length = Math.min(remaining, fit);
      open = true;
      sink.entry(f, new Toc.Entry(f.path(), offset, length));
      used += TarChunks.entryBytes(f.path(), length);
      offset += length;
      if (offset == f.size()) {
        return;
      }
    }
  }

  /** Ends the last chunk. */
  void finish() throws IOException {
    if (open) {
      endChunk();
    }
  }

  private void endChunk() throws IOException {
    sink.chunkEnd();
    total += used + TarChunks.END;
    chunks++;
    used = 0;
    open = false;
  }

  /** The upper bound of all chunks' bytes, tar headers included. */
  long totalBytes() {
    return total;
  }

  int chunks() {
    return chunks;
  }
}
