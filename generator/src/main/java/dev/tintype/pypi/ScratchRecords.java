package dev.tintype.pypi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of byte records in a scratch directory, each found again by the offset its
 * append returned: what a run keeps on disk instead of in the heap. Appends are buffered and
 * written 64 KB at a time; a read of a record still in the buffer writes the buffer first. Safe for
 * concurrent use; deleted on close.
 */
final class ScratchRecords implements java.io.Closeable {
  private static final int FLUSH_BYTES = 1 << 16;

  private final Path file;
  private final FileChannel channel;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long flushed;

  ScratchRecords(Path scratch, String prefix) throws IOException {
    Files.createDirectories(scratch);
    this.file = Files.createTempFile(scratch, prefix, ".bin");
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE);
  }

  /** Appends {@code record}; returns the offset {@link #read} finds it at. */
  synchronized long append(ByteArrayOutputStream record) throws IOException {
    long offset = flushed + pending.size();
    new DataOutputStream(pending).writeInt(record.size());
    record.writeTo(pending);
    if (pending.size() >= FLUSH_BYTES) {
      flush();
    }
    return offset;
  }

  /** The record appended at {@code offset}. */
  synchronized byte[] read(long offset) throws IOException {
    if (offset >= flushed) {
      flush();
    }
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(length, offset);
    ByteBuffer b = ByteBuffer.allocate(length.getInt(0));
    readFully(b, offset + 4);
    return b.array();
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new IOException(file + ": ends inside a record at " + at);
      }
    }
  }

  private void flush() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
    while (b.hasRemaining()) {
      flushed += channel.write(b, flushed);
    }
    pending.reset();
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }
}
