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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * What one parsed record is taken to cost in heap: a fixed overhead plus so much per character of
   * its tags and values. Measured on JDK 17 at about 410 bytes for a two-field record and 1,260 for
   * a CRAN-like one; these figures are a little above both.
   */
  static final int RECORD_OVERHEAD = 320;

  static final int BYTES_PER_CHAR = 5;

  private final String source;
  private final long maxIndexBytes;
  private final boolean gzip;
  private final long heapBudget;

  private IndexReader(String source, boolean gzip, long maxIndexBytes, long heapBudget) {
    this.source = source;
    this.gzip = gzip;
    this.maxIndexBytes = maxIndexBytes;
    this.heapBudget = heapBudget;
  }

  /** Reads PACKAGES.gz, whose decompressed text may be at most {@code maxIndexBytes}. */
  static IndexReader gzip(String source, long maxIndexBytes) {
    return new IndexReader(source, true, maxIndexBytes, defaultHeapBudget());
  }

  /** Reads a plain PACKAGES (bounded by the page limit the fetcher applies). */
  static IndexReader plain(String source) {
    return new IndexReader(source, false, Long.MAX_VALUE, defaultHeapBudget());
  }

  /** As {@link #gzip}, with the heap the parsed records may take given, for tests. */
  static IndexReader gzip(String source, long maxIndexBytes, long heapBudget) {
    return new IndexReader(source, true, maxIndexBytes, heapBudget);
  }

  /**
   * Half the heap: the byte limits cannot bound the records' memory on their own, since a bomb of
   * tiny records takes about 14 times its text in heap, while a real CRAN index of 20,000 packages
   * takes about 25 MiB.
   */
  static long defaultHeapBudget() {
    return Runtime.getRuntime().maxMemory() / 2;
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
      List<DcfRecord> records = new ArrayList<>();
      long[] heap = {0};
      Dcf.forEach(
          in,
          source,
          r -> {
            heap[0] += cost(r);
            if (heap[0] > heapBudget) {
              throw new HeapBudgetException(records.size() + 1, heap[0]);
            }
            records.add(r);
          });
      return new Result(records, null);
    } catch (HeapBudgetException e) {
      return refused(
          source
              + ": record "
              + e.records
              + " takes the parsed index past "
              + (heapBudget >> 20)
              + " MiB, half of this JVM's heap (a real CRAN index of 20,000 packages takes about"
              + " 25 MiB); refused rather than running out of memory. If this upstream is"
              + " genuine, give the JVM more heap (-Xmx, e.g. through TINTYPE_JAVA_OPTS)",
          e);
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

  /** A rough measure of the heap a parsed record takes (see {@link #RECORD_OVERHEAD}). */
  static long cost(DcfRecord r) {
    long chars = 0;
    for (Map.Entry<String, String> f : r.fields().entrySet()) {
      chars += f.getKey().length() + f.getValue().length();
    }
    return RECORD_OVERHEAD + BYTES_PER_CHAR * chars;
  }

  /** The records would take more heap than the budget allows. */
  private static final class HeapBudgetException extends IOException {
    private static final long serialVersionUID = 1L;
    final int records;

    HeapBudgetException(int records, long estimate) {
      super(records + " records would take about " + (estimate >> 20) + " MiB of heap");
      this.records = records;
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
