package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  private static final byte[] BODY = "0123456789abcdef".repeat(100).getBytes();
  @TempDir Path tmp;
  private MockWebServer server;
  private ExecutorService threads;
  private Fetcher fetcher;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    threads = Executors.newCachedThreadPool();
    OkHttpClient client = HttpClients.create(threads, 2);
    fetcher = new Fetcher(client, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    threads.shutdownNow();
  }

  private URI url(String path) {
    return server.url(path).uri();
  }

  private static String md5(byte[] b) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
  }

  @Test
  void aDownloadIsHashedAndVerified() throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    Downloaded d = fetcher.download(url("/f"), tmp, "f", new Expected(md5(BODY), null, null));
    assertThat(Files.readAllBytes(d.file())).isEqualTo(BODY);
    assertThat(d.md5()).isEqualTo(md5(BODY));
    assertThat(fetcher.downloads()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    Downloaded d = fetcher.download(url("/f"), tmp, "f", Expected.nothing());
    assertThat(d.size()).isEqualTo(BODY.length);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTruncatedBodyIsRetriedAndNeverKept() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse()
              .setBody(new Buffer().write(BODY))
              .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    }
    assertThatThrownBy(() -> fetcher.download(url("/f"), tmp, "pkgA 1.0", Expected.nothing()))
        .hasMessageContaining("pkgA 1.0")
        .hasMessageContaining("failed after 3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    try (var s = Files.list(tmp)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void anMd5MismatchNamesTheFileAndBothDigests() throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    String wrong = "0".repeat(32);
    assertThatThrownBy(
            () -> fetcher.download(url("/f"), tmp, "pkgA 1.0", new Expected(wrong, null, null)))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("pkgA 1.0")
        .hasMessageContaining(wrong)
        .hasMessageContaining(md5(BODY));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void notFoundIsNotRetried() {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> fetcher.download(url("/f"), tmp, "f", Expected.nothing()))
        .isInstanceOf(HttpStatusException.class)
        .hasMessageContaining("404");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void pagesReturnEmptyOn404() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThat(fetcher.page(url("/PACKAGES.gz"), null)).isEmpty();
  }

  @Test
  void fileUrlsWork() throws Exception {
    Path f = tmp.resolve("up/x.tar.gz");
    Files.createDirectories(f.getParent());
    Files.write(f, BODY);
    Downloaded d = fetcher.download(f.toUri(), tmp.resolve("dl"), "x", Expected.nothing());
    assertThat(d.size()).isEqualTo(BODY.length);
    assertThat(fetcher.page(tmp.resolve("up/missing").toUri(), null)).isEmpty();
  }
}
