package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drip, a stall and a run deadline each end a request within bounded time. */
class SlowUpstreamTest {
  private static final Duration BOUND = Duration.ofSeconds(8);
  @TempDir Path tmp;
  private MockWebServer server;
  private ExecutorService threads;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    threads.shutdownNow();
  }

  private Fetcher fetcher(FetchPolicy p) {
    return new Fetcher(HttpClients.create(threads, 2), p);
  }

  private static FetchPolicy retrying() {
    return FetchPolicy.of(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  private static MockResponse drip() {
    // 10 bytes a second of 100 KB: never idle long enough for a read timeout.
    return new MockResponse()
        .setBody(new Buffer().write(new byte[100_000]))
        .throttleBody(1, 100, TimeUnit.MILLISECONDS);
  }

  @Test
  void aDripFailsWithinTheRateWindowNamingTheUrlAndTheRate() {
    Fetcher f = fetcher(retrying().withRate(1024, Duration.ofSeconds(1)));
    server.enqueue(drip());
    server.enqueue(drip());
    String url = server.url("/files/a.whl").toString();
    long t0 = System.nanoTime();
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(
                    () -> f.download(java.net.URI.create(url), tmp, "a", Expected.nothing()))
                .isInstanceOf(TooSlowException.class)
                .hasMessageContaining(url)
                .hasMessageMatching("(?s).*\\(\\d+\\.\\d bytes/s\\).*")
                .hasMessageContaining("download.min-rate"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheRateWindow() {
    Fetcher f = fetcher(retrying().withRate(1024, Duration.ofSeconds(1)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(() -> f.page(server.url("/simple/a/").uri(), null))
                .isInstanceOf(TooSlowException.class)
                .hasMessageContaining("0 bytes in the last"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theRunDeadlineStopsTheRequestInFlightAndEveryNewOne() {
    Fetcher f =
        fetcher(
                retrying()
                    .withRate(0, Duration.ofSeconds(60))
                    .withRunDeadline(Duration.ofSeconds(1)))
            .forUpstream(server.url("/").uri());
    server.enqueue(drip());
    long t0 = System.nanoTime();
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(
                    () -> f.download(server.url("/a.whl").uri(), tmp, "a", Expected.nothing()))
                .isInstanceOf(RunDeadlineException.class)
                .hasMessageContaining(server.url("/a.whl").toString())
                .hasMessageContaining("download.run-deadline (1s)"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThatThrownBy(() -> f.page(server.url("/simple/b/").uri(), null))
        .isInstanceOf(RunDeadlineException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
