package dev.tintype.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;

/** The threads that upload index objects and copy {@code latest/} in parallel. */
final class S3Workers implements AutoCloseable {
  /** Concurrent uploads of index objects and {@code latest/} copies: sized for two cores. */
  static final int PARALLEL = 4;

  private final ExecutorService pool;

  S3Workers() {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            PARALLEL,
            r -> {
              Thread t = new Thread(r, "tintype-s3-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  /** Runs tasks on the workers; the first failure is thrown once all have finished. */
  void runAll(List<Callable<Void>> tasks) throws IOException {
    callAll(tasks);
  }

  /** Runs tasks on the workers; their results in order, the first failure once all finished. */
  <T> List<T> callAll(List<Callable<T>> tasks) throws IOException {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) {
      futures.add(pool.submit(t));
    }
    List<T> out = new ArrayList<>(futures.size());
    IOException first = null;
    for (Future<T> f : futures) {
      try {
        out.add(await(f));
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }

  /** The task's result, or its failure as the IOException it was (SDK failures translated). */
  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for an upload");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof UncheckedIOException) {
        throw ((UncheckedIOException) c).getCause();
      }
      if (c instanceof SdkException) {
        throw S3Errors.translate("S3", "upload", (SdkException) c);
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IOException(c);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
