package dev.tintype.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with {@link TooLargeException} as soon as more than {@code max} bytes are read, so a
 * decompression bomb or an endless page costs at most {@code max} bytes of reading and no more
 * memory than its consumer keeps.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long max;
  private final String what;
  private final String key;
  private long seen;

  /**
   * @param what names the stream for the error, e.g. "https://x/src/contrib/PACKAGES.gz"
   * @param key the config key that sets {@code max}, e.g. "limits.max-index-size"
   */
  public LimitedInputStream(InputStream in, long max, String what, String key) {
    super(in);
    this.max = max;
    this.what = what;
    this.key = key;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, (int) Math.min(len, max - seen + 1));
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(Math.min(n, max - seen + 1));
    count(s);
    return s;
  }

  private void count(long n) throws TooLargeException {
    seen += n;
    if (seen > max) {
      throw new TooLargeException(
          what + ": larger than the limit of " + max + " bytes (" + key + "); refusing to read on");
    }
  }
}
