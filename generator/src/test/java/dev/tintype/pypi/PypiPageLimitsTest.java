package dev.tintype.pypi;

import static dev.tintype.pypi.MirrorRun.PYPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream pages and the project list are read as they stream, and only up to their limits. */
class PypiPageLimitsTest {
  private static final long PAGE_LIMIT = 64 << 10;
  private static final long INDEX_LIMIT = 256 << 10;
  private static final String JSON = "application/vnd.pypi.simple.v1+json";

  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private MockWebServer server;
  private final Map<String, Supplier<MockResponse>> overrides = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    PypiUpstream.demo(upstreamDir);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            requests.add(path);
            Supplier<MockResponse> override = overrides.get(path);
            return override != null ? override.get() : fromDisk(path);
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    fs.close();
  }

  /** The upstream tree as pypi.org serves it: JSON pages at {@code /simple/<name>/}. */
  private MockResponse fromDisk(String path) {
    boolean page = path.startsWith("/simple/");
    Path file = upstreamDir.resolve(path.substring(1) + (page ? "index.json" : ""));
    if (!Files.isRegularFile(file)) {
      return new MockResponse().setResponseCode(404);
    }
    try {
      return new MockResponse()
          .setHeader("Content-Type", page ? JSON : "application/octet-stream")
          .setBody(new Buffer().write(Files.readAllBytes(file)));
    } catch (IOException e) {
      return new MockResponse().setResponseCode(500);
    }
  }

  /** {@code head}, {@code padding} spaces, then {@code tail}: valid JSON, only too long. */
  private static MockResponse padded(String head, long padding, String tail, boolean chunked) {
    Buffer body = new Buffer().writeUtf8(head);
    byte[] spaces = new byte[8192];
    java.util.Arrays.fill(spaces, (byte) ' ');
    for (long n = 0; n < padding; n += spaces.length) {
      body.write(spaces, 0, (int) Math.min(spaces.length, padding - n));
    }
    body.writeUtf8(tail);
    MockResponse r = new MockResponse().setHeader("Content-Type", JSON);
    return chunked ? r.setChunkedBody(body, 8192) : r.setBody(body);
  }

  private MirrorRun run(int rootIndexMinProjects) {
    return new MirrorRun(
        storage,
        "http://127.0.0.1:" + server.getPort(),
        rootIndexMinProjects,
        new Limits(PAGE_LIMIT, INDEX_LIMIT));
  }

  /** Chunked: no length is declared, so only reading can find the page too long. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aProjectPageOverTheLimitIsRefusedNamingTheProjectAndTheKey(boolean chunked)
      throws IOException {
    overrides.put(
        "/simple/demo-pkg/",
        () -> padded("{\"meta\":{\"api-version\":\"1.1\"},", 1 << 20, "}", chunked));
    try (MirrorRun run = run(100)) {
      assertThatThrownBy(() -> run.sync("2026-11-27"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("Demo.Pkg")
          .hasMessageContaining("limits.max-page-size")
          .hasMessageContaining(String.valueOf(PAGE_LIMIT));
      assertThat(Snapshots.published(storage, PYPI)).isEmpty();
      assertThat(requests.stream().filter("/simple/demo-pkg/"::equals))
          .as("a page too large is not fetched again")
          .hasSize(1);
    }
  }

  @Test
  void aProjectPageUnderTheLimitIsReadWhateverItsWhitespace() throws IOException {
    String page = Files.readString(upstreamDir.resolve("simple/tiny-dep/index.json"));
    overrides.put(
        "/simple/tiny-dep/",
        () -> padded(page.substring(0, page.length() - 1), PAGE_LIMIT / 2, "}", true));
    try (MirrorRun run = run(100)) {
      assertThat(run.sync("2026-11-27").published()).isTrue();
    }
  }

  @Test
  void aProjectListOverItsLimitIsSkippedWithAWarningAndEveryPageRead() throws IOException {
    try (MirrorRun run = run(1)) {
      run.sync("2026-11-26");
      overrides.put(
          "/simple/",
          () -> padded("{\"meta\":{\"api-version\":\"1.1\"},\"projects\":[", 1 << 20, "]}", true));
      requests.clear();

      assertThat(run.sync("2026-11-27").published()).isTrue();

      assertThat(run.warnings)
          .anySatisfy(w -> assertThat(w).contains("limits.max-index-size", "/simple/"));
      assertThat(requests).contains("/simple/demo-pkg/", "/simple/tiny-dep/");
    }
  }

  /** The project list of all of PyPI is far larger than any project's page. */
  @Test
  void aProjectListLargerThanThePageLimitIsReadUpToTheIndexLimit() throws IOException {
    try (MirrorRun run = run(1)) {
      run.sync("2026-11-26");
      String list = Files.readString(upstreamDir.resolve("simple/index.json"));
      overrides.put(
          "/simple/",
          () -> padded(list.substring(0, list.length() - 1), 2 * PAGE_LIMIT, "}", true));
      PypiUpstream.demo(upstreamDir); // unchanged: the same serials
      requests.clear();

      assertThat(run.sync("2026-11-27").published()).isTrue();

      assertThat(run.warnings).isEmpty();
      assertThat(requests).contains("/simple/").doesNotContain("/simple/demo-pkg/");
    }
  }

  @Test
  void aChangedProjectIsStillFetchedWhenTheListIsRead() throws IOException {
    try (MirrorRun run = run(1)) {
      run.sync("2026-11-26");
      PypiUpstream.demo(upstreamDir).add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
      requests.clear();
      assertThat(run.sync("2026-11-27").published()).isTrue();
      assertThat(requests).contains("/simple/", "/simple/tiny-dep/");
      assertThat(
              new String(
                  storage.open("pypi/2026-11-27/simple/tiny-dep/index.json").readAllBytes(),
                  StandardCharsets.UTF_8))
          .contains("0.5");
    }
  }
}
