package dev.tintype.format.cran;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

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

  /** Writes content to a stream. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Whether {@code gz} is one gzip member with this class's header whose content is exactly what
   * {@code content} writes, and nothing after it. A corrupt or truncated member is not.
   */
  static boolean holds(byte[] gz, Content content) throws IOException {
    if (gz.length < HEADER.length + 8
        || !Arrays.equals(gz, 0, HEADER.length, HEADER, 0, HEADER.length)) {
      return false;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(gz, HEADER.length, gz.length - HEADER.length);
      SameBytes same = new SameBytes(inflater);
      content.writeTo(same);
      if (!same.matchedToTheEnd() || inflater.getRemaining() != 8) {
        return false;
      }
      int trailer = gz.length - 8;
      return intLe(gz, trailer) == (int) same.crc.getValue()
          && intLe(gz, trailer + 4) == (int) same.size;
    } catch (ZipException e) {
      return false;
    } finally {
      inflater.end();
    }
  }

  private static int intLe(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  /** Compares what is written with what an inflater gives, as it is written. */
  private static final class SameBytes extends OutputStream {
    private final Inflater inflater;
    private final byte[] buf = new byte[64 * 1024];
    private final CRC32 crc = new CRC32();
    private int pos;
    private int limit;
    private long size;
    private boolean differs;

    SameBytes(Inflater inflater) {
      this.inflater = inflater;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      crc.update(b, off, len);
      size += len;
      while (len > 0 && !differs) {
        if (pos == limit && !fill()) {
          differs = true; // the earlier content is shorter
          return;
        }
        int n = Math.min(len, limit - pos);
        if (!Arrays.equals(b, off, off + n, buf, pos, pos + n)) {
          differs = true;
          return;
        }
        pos += n;
        off += n;
        len -= n;
      }
    }

    boolean matchedToTheEnd() throws IOException {
      return !differs && pos == limit && !fill() && inflater.finished();
    }

    private boolean fill() throws IOException {
      try {
        int n;
        do {
          n = inflater.inflate(buf);
        } while (n == 0
            && !inflater.finished()
            && !inflater.needsInput()
            && !inflater.needsDictionary());
        pos = 0;
        limit = n;
        return n > 0;
      } catch (DataFormatException e) {
        throw new ZipException("corrupt deflate data: " + e.getMessage());
      }
    }
  }

  private void writeIntLe(int v) throws IOException {
    target.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
  }
}
