package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purged file stays purged: the next sync neither fetches nor serves it. */
class PypiPurgeSyncTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private PypiUpstream upstream;
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

  private String page(String date, String project) throws IOException {
    return new String(
        storage.open("pypi/" + date + "/simple/" + project + "/index.html").readAllBytes(),
        StandardCharsets.UTF_8);
  }

  private void purgeTinyDep01() throws IOException {
    new Purger(storage, new PurgeListener() {})
        .run(
            new Purger.Request(
                PYPI, Optional.empty(), List.of("tiny_dep-0.1-py3-none-any.whl"), "malware"),
            false,
            false);
  }

  /** Syncs 2026-11-27 with upstream unchanged since 2026-11-26, after the purge. */
  private void syncUnchangedAfterPurge() throws IOException {
    rig.sync(repo, "2026-11-26");
    purgeTinyDep01();
    server.resetCounts();

    rig.sync(repo, "2026-11-27");

    assertThat(server.fileDownloads()).isZero();
    assertThat(page("2026-11-27", "tiny-dep"))
        .doesNotContain("tiny_dep-0.1-py3-none-any.whl")
        .contains("tiny_dep-0.2");
    assertThat(page("2026-11-27", "demo-pkg")).contains("demo_pkg-2.0");
    Verifier v = new Verifier(storage);
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-27")).problems()).isEmpty();
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-27")).purged()).isEmpty();
  }

  @Test
  void aProjectCarriedForwardUnchangedDropsItsPurgedFile() throws IOException {
    syncUnchangedAfterPurge();
  }

  @Test
  void aProjectCarriedForwardUnreadDropsItsPurgedFileToo() throws IOException {
    rig.close();
    rig = new Rig(storage, java.util.Map.of(RepoType.PYPI, new PypiMirror(1)));

    syncUnchangedAfterPurge();

    // Once no snapshot before it lists the file, unchanged projects are carried unread again.
    server.resetCounts();
    rig.sync(repo, "2026-11-28");
    assertThat(server.requestCount("/simple/tiny-dep/")).isZero();
    assertThat(page("2026-11-28", "tiny-dep")).doesNotContain("tiny_dep-0.1-py3-none-any.whl");
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-28")).problems())
        .isEmpty();
  }

  @Test
  void aPageLeftWithoutItsPurgedFileKeepsTheProjectStatus() throws IOException {
    rig.sync(repo, "2026-11-26");
    purgeTinyDep01();
    upstream.status("tiny-dep", "deprecated", "use other-thing").write();

    rig.sync(repo, "2026-11-27");

    assertThat(page("2026-11-27", "tiny-dep"))
        .doesNotContain("tiny_dep-0.1-py3-none-any.whl")
        .contains("<meta name=\"pypi:project-status\" content=\"deprecated\">")
        .contains("use other-thing");
  }

  @Test
  void aProjectNoLongerConfiguredDoesNotBringAPurgedFileBack() throws IOException {
    rig.close();
    rig = new Rig(storage, java.util.Map.of(RepoType.PYPI, new PypiMirror(1)));
    rig.sync(repo, "2026-11-26");
    purgeTinyDep01();
    RepoConfig fewer = Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "other-thing");

    rig.sync(fewer, "2026-11-27");

    assertThat(storage.exists("pypi/2026-11-27/simple/tiny-dep/index.html")).isFalse();
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).problems())
        .isEmpty();
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).purged())
        .isEmpty();
  }

  @Test
  void theNextSyncNeitherFetchesNorServesAPurgedFileAndWarnsOfIt() throws IOException {
    rig.sync(repo, "2026-11-26");
    String purgedPage = page("2026-11-26", "tiny-dep");
    assertThat(purgedPage).contains("tiny_dep-0.1-py3-none-any.whl");
    new Purger(storage, new PurgeListener() {})
        .run(
            new Purger.Request(
                PYPI, Optional.empty(), List.of("tiny_dep-0.1-py3-none-any.whl"), "malware"),
            false,
            false);
    // A new release makes the sync read the page again, purged file and all.
    upstream.add("tiny-dep", dev.tintype.fixtures.PypiFile.wheel("tiny-dep", "0.5")).write();
    server.resetCounts();

    rig.sync(repo, "2026-11-27");

    assertThat(server.fileDownloads()).as("only the new release").isEqualTo(1);
    assertThat(page("2026-11-27", "tiny-dep"))
        .doesNotContain("tiny_dep-0.1-py3-none-any.whl")
        .contains("tiny_dep-0.2");
    assertThat(page("2026-11-26", "tiny-dep")).isEqualTo(purgedPage);
    assertThat(rig.warnings).anyMatch(w -> w.contains("tiny_dep-0.1-py3-none-any.whl"));
    Verifier v = new Verifier(storage);
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-27")).purged()).isEmpty();
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-26")).ok()).isTrue();
    assertThat(v.verify(PYPI, SnapshotDate.parse("2026-11-26")).purged()).hasSize(1);
  }
}
