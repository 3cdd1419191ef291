package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
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
  void fileUrlsWorkUnderAFileUpstream() throws Exception {
    Path f = tmp.resolve("up/x.tar.gz");
    Files.createDirectories(f.getParent());
    Files.write(f, BODY);
    Fetcher local = fetcher.forUpstream(tmp.resolve("up").toUri());
    Downloaded d = local.download(f.toUri(), tmp.resolve("dl"), "x", Expected.nothing());
    assertThat(d.size()).isEqualTo(BODY.length);
    assertThat(local.page(tmp.resolve("up/missing").toUri(), null)).isEmpty();
    assertThat(local.page(tmp.resolve("up").toUri(), null)).isEmpty();
  }

  @Test
  void aRunThatFetchesOnlyFileUrlsNeverBuildsTheHttpClient() throws Exception {
    Path f = tmp.resolve("up/x.tar.gz");
    Files.createDirectories(f.getParent());
    Files.write(f, BODY);
    try (RunHttpClient client = new RunHttpClient(Thread::new, 2)) {
      Fetcher run = new Fetcher(client, FetchPolicy.of(RetryPolicy.standard()));
      Fetcher local = run.forUpstream(tmp.resolve("up").toUri());
      local.download(f.toUri(), tmp.resolve("dl"), "x", Expected.nothing());
      assertThat(local.page(tmp.resolve("up/missing").toUri(), null)).isEmpty();
      assertThat(client.built()).isFalse();

      server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
      Downloaded d = run.download(url("/f"), tmp, "f", Expected.nothing());
      assertThat(d.size()).isEqualTo(BODY.length);
      assertThat(client.built()).isTrue();
    }
  }

  @Test
  void aClientBuiltAheadOnAnotherThreadIsTheOneTheFirstRequestUses() throws Exception {
    java.util.concurrent.ExecutorService ahead =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (RunHttpClient client = new RunHttpClient(Thread::new, 2)) {
      client.buildAhead(ahead);
      ahead.shutdown();
      assertThat(ahead.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(client.built()).isTrue();
      okhttp3.OkHttpClient built = client.get();

      server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
      Fetcher run = new Fetcher(client, FetchPolicy.of(RetryPolicy.standard()));
      assertThat(run.download(url("/f"), tmp, "f", Expected.nothing()).size())
          .isEqualTo(BODY.length);
      assertThat(client.get()).isSameAs(built);
    } finally {
      ahead.shutdownNow();
    }
  }

  @Test
  void aGzipEncodedDownloadIsRefusedWithAMessageSayingSo() throws Exception {
    byte[] tarball = gzip(BODY);
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Encoding", "gzip")
            .setBody(new Buffer().write(tarball)));
    String url = url("/src/contrib/a_1.0.tar.gz").toString();
    assertThatThrownBy(
            () ->
                fetcher.download(
                    URI.create(url), tmp, "a 1.0", new Expected(md5(tarball), null, null)))
        .isInstanceOf(ContentEncodingException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("Content-Encoding: gzip")
        .hasMessageNotContaining("MD5");
    assertThat(server.takeRequest().getHeader("Accept-Encoding")).isEqualTo("identity");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGzipEncodedPageIsStillDecoded() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Encoding", "gzip")
            .setBody(new Buffer().write(gzip(BODY))));
    assertThat(fetcher.page(url("/simple/a/"), null).orElseThrow().body()).isEqualTo(BODY);
    assertThat(server.takeRequest().getHeader("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aPageLargerThanTheLimitFailsWithoutRetry() throws Exception {
    Fetcher small =
        new Fetcher(
            HttpClients.create(threads, 2),
            FetchPolicy.of(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .withLimits(new Limits(100, 1000)));
    server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    assertThatThrownBy(() -> small.page(url("/PACKAGES.gz"), null))
        .isInstanceOf(TooLargeException.class)
        .hasMessageContaining("limits.max-page-size");
    // Chunked: no declared length, so the stream itself must stop at the limit.
    server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(BODY), 64));
    assertThatThrownBy(() -> small.page(url("/PACKAGES.gz"), null))
        .isInstanceOf(TooLargeException.class)
        .hasMessageContaining("limits.max-page-size");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReadersOwnExceptionPassesThroughUnchangedAndUnretried() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    }
    IOException parseError = new IOException("not JSON at byte 3");
    assertThatThrownBy(
            () ->
                fetcher.page(
                    url("/simple/a/"),
                    null,
                    1 << 20,
                    b -> {
                      b.body().read(new byte[3]);
                      throw parseError;
                    }))
        .isSameAs(parseError);
    IllegalArgumentException bad = new IllegalArgumentException("bad name");
    assertThatThrownBy(
            () ->
                fetcher.page(
                    url("/simple/a/"),
                    null,
                    1 << 20,
                    b -> {
                      throw bad;
                    }))
        .isSameAs(bad);
    assertThatThrownBy(
            () -> fetcher.page(url("/simple/a/"), null, 10, b -> b.body().readAllBytes()))
        .isInstanceOf(TooLargeException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aConnectionFailureWhileTheReaderReadsIsRetried() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(BODY))
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
    byte[] got =
        fetcher.page(url("/simple/a/"), null, 1 << 20, b -> b.body().readAllBytes()).orElseThrow();
    assertThat(got).isEqualTo(BODY);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static byte[] gzip(byte[] b) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void aHeadGivesTheDeclaredLengthAndDownloadsNothing() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Length", 12345));
    assertThat(fetcher.size(url("/a_1.0.tar.gz"))).hasValue(12345);
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
    assertThat(fetcher.size(url("/a_1.0.tar.gz"))).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aMissingFileFailsWithItsStatus() {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> fetcher.size(url("/gone.tar.gz")))
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
