package dev.tintype.format.cran;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip member whose header has no file name, mtime 0 and the Unix OS byte, so that the same
 * content always gives the same bytes (with the same zlib). Closing it finishes the member but
 * leaves the underlying stream open. It compresses at zlib's default level 6, as R's {@code
 * gzfile()} and {@code saveRDS()} do: level 9 takes twice as long on a CRAN-sized index for 2 %
 * smaller files.
 */
final class DeterministicGzip extends FilterOutputStream {
  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0 /* default compression */, 3 /* Unix */
  };

  private final OutputStream target;
  private final Deflater deflater = new Deflater(6, true);
  private final DeflaterOutputStream deflating;
  private final CRC32 crc = new CRC32();
  private long size;
  private boolean closed;

  DeterministicGzip(OutputStream target) throws IOException {
    super(target);
    this.target = target;
    target.write(HEADER);
    this.deflating =
        new DeflaterOutputStream(
            new FilterOutputStream(target) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() {
                // The target stays open: the caller owns it.
              }
            },
            deflater,
            64 * 1024);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    deflating.write(b, off, len);
    crc.update(b, off, len);
    size += len;
  }

  @Override
  public void flush() throws IOException {
    // Only close() writes a complete member; flushing the deflater early would change the bytes.
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    deflating.finish();
    deflater.end();
    writeIntLe((int) crc.getValue());
    writeIntLe((int) size);
    target.flush();
  }

  private void writeIntLe(int v) throws IOException {
    target.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
  }
}
