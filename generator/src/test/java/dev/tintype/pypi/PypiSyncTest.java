package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncOptions;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PypiSyncTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private PypiUpstream upstream;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = PypiUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "tiny_dep", "other-thing");
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private String page(String date, String project, String file) throws IOException {
    return new String(
        storage.open("pypi/" + date + "/simple/" + project + "/" + file).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void pagesPointIntoThePoolAndEveryFileVerifies() throws IOException {
    rig.sync(repo, "2026-11-27");
    String html = page("2026-11-27", "demo-pkg", "index.html");
    assertThat(html).contains("href=\"../../../../pool/").contains("data-upload-time=");
    String json = page("2026-11-27", "demo-pkg", "index.json");
    assertThat(json).contains("\"versions\":[\"1.0\",\"2.0\"]").contains("\"_last-serial\"");
    assertThat(page("2026-11-27", "tiny-dep", "index.html"))
        .contains("data-yanked=\"broken build\"")
        .contains("data-requires-python=\"&lt;3,&gt;=2.7\"");
    assertThat(storage.exists("pypi/2026-11-27/simple/index.html")).isTrue();
    assertThat(storage.exists("pypi/2026-11-27/simple/index.json")).isTrue();
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.packages()).isEqualTo(3);
    assertThat(m.pool()).anyMatch(f -> f.path().endsWith(".whl.metadata"));
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void coreMetadataIsAdvertisedOnlyWhereItWasStored() throws IOException {
    rig.sync(repo, "2026-11-27");
    assertThat(page("2026-11-27", "other-thing", "index.html"))
        .contains("data-core-metadata=\"sha256=");
    String key =
        storage.list("pool").stream()
            .filter(k -> k.endsWith(".whl.metadata"))
            .findFirst()
            .orElseThrow();
    assertThat(new String(storage.open(key).readAllBytes(), StandardCharsets.UTF_8))
        .contains("Metadata-Version");
  }

  @Test
  void rerunWithNoUpstreamChangeDownloadsNothingAndFetchesEachPageOnce() throws IOException {
    rig.sync(repo, "2026-11-26");
    server.resetCounts();
    rig.sync(repo, "2026-11-27");
    assertThat(server.fileDownloads()).isZero();
    assertThat(server.requestCount("/simple/demo-pkg/")).isEqualTo(1);
    assertThat(server.requestCount("/simple/tiny-dep/")).isEqualTo(1);
    assertThat(page("2026-11-27", "demo-pkg", "index.json"))
        .isEqualTo(page("2026-11-26", "demo-pkg", "index.json"));
  }

  @Test
  void aNewReleaseIsTheOnlyDownloadOfTheNextSync() throws IOException {
    rig.sync(repo, "2026-11-26");
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
    server.resetCounts();
    rig.sync(repo, "2026-11-27");
    assertThat(server.fileDownloads()).isEqualTo(1);
    assertThat(page("2026-11-27", "tiny-dep", "index.json")).contains("0.5");
    assertThat(page("2026-11-26", "tiny-dep", "index.json")).doesNotContain("0.5");
  }

  @Test
  void spellingsOfOneProjectAreOneProject() throws IOException {
    RepoConfig spelled =
        Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "demo_pkg", "DEMO-pkg");
    rig.sync(spelled, "2026-11-27");
    assertThat(storage.children("pypi/2026-11-27/simple"))
        .containsExactly("demo-pkg", "index.html", "index.json");
  }

  @Test
  void backfillLeavesOutFilesUploadedAfterTheDate() throws IOException {
    rig.sync(
        repo, new SyncOptions(SnapshotDate.parse("2025-06-01"), false, true, Optional.empty()));
    String json = page("2025-06-01", "demo-pkg", "index.json");
    assertThat(json).contains("demo_pkg-1.0").doesNotContain("demo_pkg-2.0");
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2025-06-01"));
    assertThat(m.properties()).containsEntry("backfilled", "true").containsKey("backfilled-on");
    assertThat(m.properties().get("backfill-cutoff")).isEqualTo("2025-06-02T00:00:00Z");
  }

  @Test
  void anHtmlOnlyUpstreamGivesTheSamePages() throws IOException {
    rig.sync(repo, "2026-11-26");
    server.htmlOnly(true);
    RepoConfig other =
        Rig.repo("pypi2", RepoType.PYPI, server.url(), "Demo.Pkg", "tiny_dep", "other-thing");
    rig.sync(other, "2026-11-26");
    String a = page("2026-11-26", "tiny-dep", "index.html");
    String b =
        new String(
            storage.open("pypi2/2026-11-26/simple/tiny-dep/index.html").readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(hrefs(b)).isEqualTo(hrefs(a)).hasSize(5);
    assertThat(b).contains("data-yanked=\"broken build\"");
  }

  @Test
  void aStaleAnswerCarriesTheProjectForward() throws IOException {
    rig.sync(repo, "2026-11-26");
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.9")).write();
    server.serial("tiny-dep", 1);
    rig.sync(repo, "2026-11-27");
    assertThat(rig.warnings).anyMatch(w -> w.contains("tiny_dep") && w.contains("carrying"));
    assertThat(page("2026-11-27", "tiny-dep", "index.json")).doesNotContain("0.9");
  }

  @Test
  void aFilenameWithASlashIsRefused() throws IOException {
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").filenameOverride("a/b.whl")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-27"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("tiny");
    assertNothingPublished();
  }

  @Test
  void aHashMismatchIsRefusedNamingTheFile() throws IOException {
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").wrongSha256()).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-27"))
        .hasMessageContaining("tiny_dep-0.6")
        .hasMessageContaining("sha256 mismatch");
    assertNothingPublished();
  }

  @Test
  void aProjectNameWithDotsIsRefused() {
    RepoConfig bad = Rig.repo("pypi", RepoType.PYPI, server.url(), "../etc");
    assertThatThrownBy(() -> rig.sync(bad, "2026-11-27"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("../etc");
  }

  @Test
  void aJsonPageWithMissingKeysIsRefusedNamingTheKey() throws IOException {
    Files.writeString(
        upstreamDir.resolve("simple/tiny-dep/index.json"),
        "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"tiny-dep\"}");
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-27"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("tiny")
        .hasMessageContaining("files");
    assertNothingPublished();
  }

  @Test
  void htmlInAYankedReasonIsEscapedNotServed() throws IOException {
    upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.7").yanked("\"><script>x</script>&"))
        .write();
    rig.sync(repo, "2026-11-27");
    String html = page("2026-11-27", "tiny-dep", "index.html");
    assertThat(html).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
  }

  private static java.util.List<String> hrefs(String html) {
    return java.util.regex.Pattern.compile("href=\"([^\"]+)\"")
        .matcher(html)
        .results()
        .map(r -> r.group(1))
        .toList();
  }

  private void assertNothingPublished() throws IOException {
    assertThat(Snapshots.published(storage, PYPI)).isEmpty();
    assertThat(storage.list(".tintype/staging")).isEmpty();
  }
}
