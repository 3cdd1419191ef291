package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlPolicyTest {
  private static final byte[] SECRET =
      "root:x:0:0:the local secret\n".getBytes(StandardCharsets.UTF_8);
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

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void aFileUrlFromAnHttpUpstreamIsRefusedWithoutReadingIt() throws Exception {
    Path secret = Files.write(tmp.resolve("passwd"), SECRET);
    String hash = sha256(SECRET);
    Fetcher repo = fetcher.forUpstream(server.url("/").uri());
    Path dl = tmp.resolve("dl");
    assertThatThrownBy(
            () ->
                repo.download(
                    secret.toUri(), dl, "evil 1.0", new Expected(null, new Sha256(hash), null)))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(secret.toUri().toString())
        .hasMessageContaining("file: URL is only followed from a file:// upstream");
    // With a wrong digest, the error must not reveal the local file's digest either.
    assertThatThrownBy(
            () ->
                repo.download(
                    secret.toUri(),
                    dl,
                    "evil 1.0",
                    new Expected(null, new Sha256("0".repeat(64)), null)))
        .isInstanceOf(RefusedUrlException.class)
        .message()
        .doesNotContain(hash)
        .doesNotContain("mismatch");
    assertThatThrownBy(() -> repo.page(secret.toUri(), null))
        .isInstanceOf(RefusedUrlException.class);
    // A fetcher bound to no upstream follows http(s) only.
    assertThatThrownBy(() -> fetcher.download(secret.toUri(), dl, "evil", Expected.nothing()))
        .isInstanceOf(RefusedUrlException.class);
    assertThat(dl).doesNotExist();
  }

  @Test
  void aFileUpstreamReadsUnderItsRootButNotOutsideOrThroughALink() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("up"));
    Files.write(root.resolve("ok.txt"), "fine".getBytes(StandardCharsets.UTF_8));
    Path outside = Files.write(tmp.resolve("secret"), SECRET);
    Files.createSymbolicLink(root.resolve("link"), outside);
    Fetcher repo = fetcher.forUpstream(root.toUri());
    Path dl = tmp.resolve("dl");

    assertThat(repo.download(root.resolve("ok.txt").toUri(), dl, "ok", Expected.nothing()).size())
        .isEqualTo(4);
    URI climbing = URI.create(root.toUri() + "../secret");
    assertThatThrownBy(() -> repo.download(climbing, dl, "x", Expected.nothing()))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining("outside the upstream directory");
    assertThatThrownBy(() -> repo.page(climbing, null)).isInstanceOf(RefusedUrlException.class);
    URI linked = root.resolve("link").toUri();
    assertThatThrownBy(() -> repo.download(linked, dl, "x", Expected.nothing()))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(linked.toString())
        .hasMessageContaining("symbolic link")
        .message()
        .doesNotContain(sha256(SECRET));
    assertThatThrownBy(() -> repo.page(linked, null)).isInstanceOf(RefusedUrlException.class);
  }

  @Test
  void allowedHostsRestrictDownloadsButTheUpstreamsOwnHostStaysAllowed() throws Exception {
    Fetcher limited =
        new Fetcher(
                HttpClients.create(threads, 2),
                FetchPolicy.of(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)))
                    .withAllowedHosts(Set.of("Files.Example")))
            .forUpstream(server.url("/").uri());
    server.enqueue(new MockResponse().setBody("x"));
    assertThat(limited.download(server.url("/f").uri(), tmp, "f", Expected.nothing()).size())
        .isEqualTo(1);
    URI elsewhere = URI.create("http://evil.example:" + server.getPort() + "/f");
    assertThatThrownBy(() -> limited.download(elsewhere, tmp, "f", Expected.nothing()))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(elsewhere.toString())
        .hasMessageContaining("download.allowed-hosts [files.example]");
    limited.urlPolicy().check(URI.create("https://files.example/packages/a.whl"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectToAFileUrlIsRefused() throws Exception {
    Path secret = Files.write(tmp.resolve("passwd"), SECRET);
    server.enqueue(
        new MockResponse().setResponseCode(302).setHeader("Location", secret.toUri().toString()));
    Fetcher repo = fetcher.forUpstream(server.url("/").uri());
    assertThatThrownBy(
            () -> repo.download(server.url("/a.whl").uri(), tmp, "a", Expected.nothing()))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(server.url("/a.whl").toString())
        .hasMessageContaining("never to file:");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectIsFollowedThroughThePolicy() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/simple/a/"));
    server.enqueue(new MockResponse().setBody("page"));
    Fetcher.Page p = fetcher.page(server.url("/simple/A").uri(), null).orElseThrow();
    assertThat(p.finalUrl()).isEqualTo(server.url("/simple/a/").toString());
  }

  @Test
  void anHttpsToHttpRedirectIsRefused() throws Exception {
    UrlPolicy p = UrlPolicy.forUpstream(URI.create("https://pypi.org/"), FetchPolicy.defaults());
    URI from = URI.create("https://pypi.org/simple/a/");
    assertThatThrownBy(() -> p.redirect(from, "http://pypi.org/simple/a/", 1, Set.of(from)))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(from.toString())
        .hasMessageContaining("downgrade https to http");
    assertThat(p.redirect(from, "https://files.example/a", 1, Set.of(from)))
        .isEqualTo(URI.create("https://files.example/a"));
  }

  @Test
  void aRedirectLoopAndTooManyRedirectsFail() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String path = r.getPath();
            if (path.equals("/a")) {
              return new MockResponse().setResponseCode(302).setHeader("Location", "/b");
            }
            if (path.equals("/b")) {
              return new MockResponse().setResponseCode(302).setHeader("Location", "/a");
            }
            int n = Integer.parseInt(path.substring(2));
            return new MockResponse().setResponseCode(307).setHeader("Location", "/r" + (n + 1));
          }
        });
    assertThatThrownBy(() -> fetcher.page(server.url("/a").uri(), null))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining("redirect loop");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThatThrownBy(() -> fetcher.page(server.url("/r0").uri(), null))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining("too many redirects")
        .hasMessageContaining("download.max-redirects (5)");
    assertThat(server.getRequestCount()).isEqualTo(2 + 6);
  }
}
