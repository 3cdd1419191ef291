package dev.tintype.fetch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The run's one {@link OkHttpClient}, built on first use. Building it loads okhttp, okio and
 * Kotlin's runtime (a tenth of a no-change nightly's CPU when profiled), which a run whose
 * upstreams are all {@code file:} URLs, or that never reaches a download, does not need.
 */
public final class RunHttpClient implements Supplier<OkHttpClient>, AutoCloseable {
  private final ThreadFactory threads;
  private final int parallel;
  private OkHttpClient client;

  /**
   * The client {@link HttpClients#create} builds, its dispatcher on threads from {@code threads}.
   */
  public RunHttpClient(ThreadFactory threads, int parallel) {
    this.threads = threads;
    this.parallel = parallel;
    // Set by scripts/tintype on the run that writes the class-data archive: the archive then holds
    // the client's classes even when that run's upstreams are all file: URLs.
    if (Boolean.getBoolean("tintype.archive-classes")) {
      get();
    }
  }

  @Override
  public synchronized OkHttpClient get() {
    if (client == null) {
      client = HttpClients.create(Executors.newCachedThreadPool(threads), parallel);
    }
    return client;
  }

  /**
   * Starts building the client on {@code executor}, for a run that is about to make http(s)
   * requests. Building it sets up TLS, which reads the JDK's trust store: a quarter of a second of
   * a 20,000-package CRAN nightly's critical path on a small machine, that now overlaps the reading
   * of the previous snapshot. The first request waits for a build under way.
   */
  public void buildAhead(Executor executor) {
    executor.execute(
        () -> {
          try {
            get();
          } catch (RuntimeException e) {
            // Nothing is built: the first request builds the client again and fails with this.
          }
        });
  }

  /** Whether a request has needed the client yet. */
  public synchronized boolean built() {
    return client != null;
  }

  /** Stops the dispatcher's threads and closes idle connections, if the client was ever built. */
  @Override
  public synchronized void close() {
    if (client != null) {
      ExecutorService dispatcher = client.dispatcher().executorService();
      dispatcher.shutdown();
      client.connectionPool().evictAll();
    }
  }
}
