package dev.tintype.dryrun;

import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sizes of files upstream indexes do not give (CRAN's PACKAGES has no sizes): asked with HEAD
 * requests, on the sync's download threads, so that a dry run can say how many bytes a sync would
 * fetch without fetching them.
 */
public final class FileSizes {
  /** How many failed HEADs are named: one upstream refusing HEAD would otherwise flood the log. */
  static final int NAMED_FAILURES = 5;

  private FileSizes() {}

  /**
   * The size of each file, in the same order; -1 for one whose HEAD failed (after the retries) or
   * declared no length. The first failures are reported as info, not as errors: they only make the
   * count inexact, and the dry run says how many sizes it lacks.
   */
  public static long[] of(MirrorContext ctx, List<URI> urls) throws IOException {
    AtomicInteger failed = new AtomicInteger();
    List<Callable<Long>> tasks = new ArrayList<>(urls.size());
    for (URI url : urls) {
      tasks.add(() -> sizeOf(ctx, url, failed));
    }
    long[] out = new long[urls.size()];
    try {
      List<Future<Long>> done = ctx.downloads().invokeAll(tasks);
      for (int i = 0; i < out.length; i++) {
        out[i] = done.get(i).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while asking upstream for file sizes");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException("asking for file sizes: " + c, c);
    }
    if (failed.get() > NAMED_FAILURES) {
      ctx.info(
          "dry run: no size for " + (failed.get() - NAMED_FAILURES) + " more files (HEAD failed)");
    }
    return out;
  }

  private static long sizeOf(MirrorContext ctx, URI url, AtomicInteger failed) throws IOException {
    try {
      return ctx.fetcher().size(url).orElse(-1);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      if (failed.incrementAndGet() <= NAMED_FAILURES) {
        ctx.info("dry run: no size for " + url + ": " + e.getMessage());
      }
      return -1;
    }
  }
}
