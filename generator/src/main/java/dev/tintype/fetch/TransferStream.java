package dev.tintype.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A response body as it streams in: counts bytes for the {@link Watchdog}, turns a cancelled read
 * into the watchdog's reason, checks the declared length, and tags every failure of the connection
 * as a {@link TransportException} so that it, and only it, is retried.
 */
final class TransferStream extends FilterInputStream {
  private final Transfer transfer;
  private final String url;
  private final long declared;
  private final List<IOException> thrown = new ArrayList<>(1);
  private long seen;

  /** {@code declared} is the Content-Length, or -1. */
  TransferStream(InputStream raw, Transfer transfer, String url, long declared) {
    super(raw);
    this.transfer = transfer;
    this.url = url;
    this.declared = declared;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    IOException failed = transfer.failure();
    if (failed != null) {
      throw remember(failed);
    }
    int n;
    try {
      n = in.read(buf, off, len);
    } catch (IOException e) {
      IOException f = transfer.failure();
      throw remember(f != null ? f : new TransportException(url + ": " + e.getMessage(), e));
    }
    if (n > 0) {
      seen += n;
      transfer.add(n);
    } else if (n < 0) {
      transfer.finish();
      if (declared >= 0 && seen != declared) {
        throw remember(
            new TruncatedException(
                url + ": body truncated at " + seen + " of " + declared + " bytes"));
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    int r = read(buf, 0, (int) Math.min(buf.length, n));
    return Math.max(r, 0);
  }

  @Override
  public void close() throws IOException {
    transfer.finish();
    super.close();
  }

  /**
   * Our own failure among {@code e} and its causes, or null when {@code e} is the consumer's own.
   */
  IOException ownFailureIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (IOException mine : thrown) {
        if (t == mine) {
          return mine;
        }
      }
    }
    return null;
  }

  private IOException remember(IOException e) {
    if (!thrown.contains(e)) {
      thrown.add(e);
    }
    return e;
  }

  /** A body shorter than its Content-Length. */
  static final class TruncatedException extends TransportException {
    private static final long serialVersionUID = 1L;

    TruncatedException(String message) {
      super(message, null);
    }
  }
}
