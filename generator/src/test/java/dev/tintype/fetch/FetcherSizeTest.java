package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherSizeTest {
  @TempDir Path tmp;
  private MockWebServer server;
  private ExecutorService threads;
  private Fetcher fetcher;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    threads = Executors.newCachedThreadPool();
    fetcher =
        new Fetcher(
            HttpClients.create(threads, 2),
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    threads.shutdownNow();
  }

  @Test
  void aHeadGivesTheDeclaredLengthAndDownloadsNothing() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Length", 12345));
    assertThat(fetcher.size(server.url("/a_1.0.tar.gz").uri())).hasValue(12345);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("HEAD");
    assertThat(r.getHeader("Accept-Encoding")).isEqualTo("identity");
    assertThat(fetcher.downloads()).isZero();
    assertThat(fetcher.bytes()).isZero();
  }

  @Test
  void aTransientFailureIsRetriedAndAMissingLengthIsEmpty() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().removeHeader("Content-Length"));
    assertThat(fetcher.size(server.url("/a_1.0.tar.gz").uri())).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aMissingFileFailsWithItsStatus() {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> fetcher.size(server.url("/gone.tar.gz").uri()))
        .isInstanceOf(HttpStatusException.class)
        .hasMessageContaining("gone.tar.gz");
  }

  @Test
  void aFileUpstreamGivesTheFilesSize() throws Exception {
    Path up = Files.createDirectories(tmp.resolve("up/src/contrib"));
    Files.write(up.resolve("a_1.0.tar.gz"), new byte[777]);
    Fetcher local = fetcher.forUpstream(tmp.resolve("up").toUri());
    assertThat(local.size(up.resolve("a_1.0.tar.gz").toUri())).hasValue(777);
    assertThatThrownBy(() -> local.size(up.resolve("b_1.0.tar.gz").toUri()))
        .isInstanceOf(NoSuchFileException.class);
  }
}
