package dev.tintype.format.rds;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Big-endian reads, counted against the byte limit. */
final class XdrInput {
  private final InputStream in;
  private final long max;
  private final String source;
  private long read;

  XdrInput(InputStream in, long max, String source) {
    this.in = in;
    this.max = max;
    this.source = source;
  }

  byte[] bytes(int n) throws IOException {
    charge(n);
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return b;
  }

  int readInt() throws IOException {
    charge(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    if ((b0 | b1 | b2 | b3) < 0) {
      throw new EOFException();
    }
    return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
  }

  long readLong() throws IOException {
    return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
  }

  private void charge(long n) throws RdsException {
    read += n;
    if (read > max) {
      throw new RdsException(source + ": larger than " + max + " bytes uncompressed; refused");
    }
  }
}
