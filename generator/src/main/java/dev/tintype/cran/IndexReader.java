package dev.tintype.cran;

import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.LimitedInputStream;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfException;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.sync.BadUpstreamException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Parses upstream PACKAGES or PACKAGES.gz while it streams in, never holding the body or its
 * decompressed text whole.
 *
 * <p>Bad content (not gzip, not DCF, a record too large) comes back as {@link Result#refused}
 * rather than thrown: the fetcher retries what a reader throws, which is right for a dropped
 * connection and wrong for an index that will be just as bad next time. Failures of the transport
 * and limits reached ({@link TooLargeException}) are thrown.
 */
final class IndexReader implements Fetcher.PageReader<IndexReader.Result> {
  static final String INDEX_LIMIT_KEY = "limits.max-index-size";

  /** The records, or why the index was refused. */
  record Result(List<DcfRecord> records, BadUpstreamException refused) {
    List<DcfRecord> get() throws BadUpstreamException {
      if (refused != null) {
        throw refused;
      }
      return records;
    }
  }

  private final String source;
  private final long maxIndexBytes;
  private final boolean gzip;

  private IndexReader(String source, boolean gzip, long maxIndexBytes) {
    this.source = source;
    this.gzip = gzip;
    this.maxIndexBytes = maxIndexBytes;
  }

  /** Reads PACKAGES.gz, whose decompressed text may be at most {@code maxIndexBytes}. */
  static IndexReader gzip(String source, long maxIndexBytes) {
    return new IndexReader(source, true, maxIndexBytes);
  }

  /** Reads a plain PACKAGES (bounded by the page limit the fetcher applies). */
  static IndexReader plain(String source) {
    return new IndexReader(source, false, Long.MAX_VALUE);
  }

  @Override
  public Result read(Fetcher.PageBody page) throws IOException {
    Watched body = new Watched(page.body());
    Watched gz = null;
    try {
      InputStream in = body;
      if (gzip) {
        // Concatenated members are read on: java.util.zip stops at a member boundary that
        // happens to fall between two network reads, which would silently drop records.
        gz = new Watched(new GzipCompressorInputStream(body, true));
        in = new LimitedInputStream(gz, maxIndexBytes, source + " (decompressed)", INDEX_LIMIT_KEY);
      }
      return new Result(Dcf.read(in, source), null);
    } catch (IOException e) {
      if (body.failure != null) {
        throw body.failure;
      }
      TooLargeException tooLarge = tooLarge(e);
      if (tooLarge != null) {
        throw tooLarge;
      }
      if (gzip && (gz == null || gz.failure != null)) {
        return refused(source + ": not a readable gzip file: " + innermost(e).getMessage(), e);
      }
      return refused(e instanceof DcfException ? e.getMessage() : source + ": " + e, e);
    }
  }

  private static Result refused(String message, IOException cause) {
    return new Result(null, new BadUpstreamException(message, cause));
  }

  private static TooLargeException tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooLargeException x) {
        return x;
      }
    }
    return null;
  }

  private static Throwable innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Remembers the first failure of the stream below, to tell where a failure came from. */
  private static final class Watched extends FilterInputStream {
    IOException failure;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        return fail(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        return fail(e);
      }
    }

    private int fail(IOException e) throws IOException {
      if (failure == null) {
        failure = e;
      }
      throw e;
    }
  }
}
