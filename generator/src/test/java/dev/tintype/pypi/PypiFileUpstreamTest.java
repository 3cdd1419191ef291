package dev.tintype.pypi;

import static dev.tintype.pypi.MirrorRun.PYPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Syncer;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code file:} upstream: a tree of {@code simple/<name>/index.json} or {@code index.html}. */
class PypiFileUpstreamTest {
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    PypiUpstream.demo(upstreamDir);
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private MirrorRun run(int rootIndexMinProjects, Limits limits) {
    return new MirrorRun(storage, upstreamDir.toUri().toString(), rootIndexMinProjects, limits);
  }

  @Test
  void aFileUpstreamIsMirroredAsAServedOne() throws IOException {
    try (MirrorRun run = run(100, Limits.defaults())) {
      Syncer.Outcome out = run.sync("2026-11-27");
      assertThat(out.packages()).isEqualTo(3);
      assertThat(page("demo-pkg")).contains("demo_pkg-2.0-py3-none-any.whl");
      assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok())
          .isTrue();
    }
  }

  @Test
  void aFileUpstreamWithOnlyHtmlPagesIsRead() throws IOException {
    for (String p : List.of("demo-pkg", "tiny-dep", "other-thing")) {
      Files.delete(upstreamDir.resolve("simple/" + p + "/index.json"));
    }
    try (MirrorRun run = run(100, Limits.defaults())) {
      assertThat(run.sync("2026-11-27").packages()).isEqualTo(3);
      assertThat(page("tiny-dep")).contains("tiny_dep-0.2.tar.gz");
    }
  }

  @Test
  void aProjectAFileUpstreamLacksIsMissing() throws IOException {
    try (MirrorRun run = run(100, Limits.defaults())) {
      run.projects = List.of("Demo.Pkg", "tiny-dep", "Other_Thing", "gone");
      assertThat(run.sync("2026-11-27").missing()).containsExactly("gone");
    }
  }

  @Test
  void aFileUpstreamPageOverTheLimitIsRefusedNamingTheProjectAndTheKey() throws IOException {
    Path page = upstreamDir.resolve("simple/tiny-dep/index.json");
    String json = Files.readString(page);
    Files.writeString(page, json.substring(0, json.length() - 1) + " ".repeat(8192) + "}");
    try (MirrorRun run = run(100, new Limits(8192, 1 << 20))) {
      assertThatThrownBy(() -> run.sync("2026-11-27"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("tiny-dep")
          .hasMessageContaining("limits.max-page-size");
    }
  }

  @Test
  void theProjectListOfAFileUpstreamGivesTheSerials() throws IOException {
    List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MirrorRun run =
        new MirrorRun(
            new OpenCounting(storage, opened),
            upstreamDir.toUri().toString(),
            1,
            Limits.defaults())) {
      run.sync("2026-11-26");
      opened.clear();
      run.sync("2026-11-27");
      assertThat(run.warnings).isEmpty();
      assertThat(opened)
          .as("unchanged serials: the old pages are carried unread")
          .noneMatch(k -> k.endsWith("/simple/demo-pkg/index.json"));
      assertThat(page("demo-pkg")).isEqualTo(page("2026-11-26", "demo-pkg"));
    }
  }

  private String page(String project) throws IOException {
    return page("2026-11-27", project);
  }

  private String page(String date, String project) throws IOException {
    return new String(
        storage.open("pypi/" + date + "/simple/" + project + "/index.json").readAllBytes(),
        StandardCharsets.UTF_8);
  }
}
