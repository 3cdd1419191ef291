package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryTest {
  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  @TempDir Path tmp;
  private MockWebServer server;
  private ExecutorService threads;
  private final List<Duration> waits = new ArrayList<>();
  private Fetcher fetcher;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    threads = Executors.newCachedThreadPool();
    fetcher =
        new Fetcher(
            HttpClients.create(threads, 2),
            FetchPolicy.of(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30))),
            waits::add,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    threads.shutdownNow();
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDateIsHonouredAndCapped() throws Exception {
    String in12s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "7"));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", in12s));
    server.enqueue(new MockResponse().setBody("ok"));
    fetcher.download(server.url("/f").uri(), tmp, "f", Expected.nothing());
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(12));

    waits.clear();
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "3600"));
    server.enqueue(new MockResponse().setBody("ok"));
    fetcher.page(server.url("/p").uri(), null);
    assertThat(waits).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aWaitToRetryEndsAtTheRunDeadlineAndTheRetryThenFailsOnIt() throws Exception {
    Fetcher f =
        new Fetcher(
            HttpClients.create(threads, 2),
            FetchPolicy.of(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30)))
                .withRunDeadline(Duration.ofSeconds(1)),
            d -> {
              waits.add(d);
              Thread.sleep(d.toMillis());
            },
            Clock.fixed(NOW, ZoneOffset.UTC));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "20"));
    assertThatThrownBy(() -> f.download(server.url("/f").uri(), tmp, "f", Expected.nothing()))
        .isInstanceOf(RunDeadlineException.class)
        .hasMessageContaining("download.run-deadline (1s)");
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isLessThan(Duration.ofMillis(1100));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void backoffGrowsExponentiallyWithJitter() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(1000), Duration.ofSeconds(30));
    Clock c = Clock.fixed(NOW, ZoneOffset.UTC);
    IOException reset = new IOException("connection reset");
    Retry low = new Retry(p, d -> {}, c, () -> 0.0);
    Retry high = new Retry(p, d -> {}, c, () -> 0.999);
    assertThat(low.delay(1, reset)).isEqualTo(Duration.ofMillis(500));
    assertThat(high.delay(1, reset)).isBetween(Duration.ofMillis(990), Duration.ofMillis(1000));
    assertThat(low.delay(3, reset)).isEqualTo(Duration.ofMillis(2000));
    assertThat(high.delay(10, reset)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    // An unparseable Retry-After falls back to the backoff.
    assertThat(low.delay(1, new HttpStatusException("u", 503, "soon")))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void onlyTransientFailuresAreRetryable() {
    assertThat(Retry.isRetryable(new HttpStatusException("u", 503))).isTrue();
    assertThat(Retry.isRetryable(new HttpStatusException("u", 429))).isTrue();
    assertThat(Retry.isRetryable(new HttpStatusException("u", 408))).isTrue();
    assertThat(Retry.isRetryable(new HttpStatusException("u", 404))).isFalse();
    assertThat(Retry.isRetryable(new HttpStatusException("u", 403))).isFalse();
    assertThat(Retry.isRetryable(new IOException("connection reset"))).isTrue();
    assertThat(Retry.isRetryable(new SocketTimeoutException("read timed out"))).isTrue();
    assertThat(Retry.isRetryable(new TransportException("u: reset", null))).isTrue();
    assertThat(Retry.isRetryable(new RefusedUrlException("u refused"))).isFalse();
    assertThat(Retry.isRetryable(new IntegrityException("bad"))).isFalse();
    assertThat(Retry.isRetryable(new TooLargeException("big"))).isFalse();
    assertThat(Retry.isRetryable(new NoSuchFileException("f"))).isFalse();
    assertThat(Retry.isRetryable(new TooSlowException("slow"))).isFalse();
    assertThat(Retry.isRetryable(new RunDeadlineException("late"))).isFalse();
    assertThat(Retry.isRetryable(new ContentEncodingException("gzip"))).isFalse();
    assertThat(Retry.isRetryable(new java.io.InterruptedIOException("interrupted"))).isFalse();
  }
}
