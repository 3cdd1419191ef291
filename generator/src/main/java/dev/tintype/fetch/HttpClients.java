package dev.tintype.fetch;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} a run shares. */
public final class HttpClients {
  private HttpClients() {}

  public static OkHttpClient create(ExecutorService dispatcherThreads, int parallel) {
    Dispatcher d = new Dispatcher(dispatcherThreads);
    d.setMaxRequests(Math.max(parallel, 8));
    d.setMaxRequestsPerHost(Math.max(parallel, 8));
    return new OkHttpClient.Builder()
        .dispatcher(d)
        .connectionPool(new ConnectionPool(parallel + 2, 5, java.util.concurrent.TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(20))
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ZERO)
        .retryOnConnectionFailure(true)
        // Fetcher follows redirects itself, each through the repository's UrlPolicy.
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }
}
