package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.sync.Rig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A purged file stays purged: the next sync neither fetches nor serves it, whether the project's
 * page is read again, carried forward unchanged, carried unread, or no longer configured.
 */
class PypiPurgeSyncTest {
  private static final String PURGED = "tiny_dep-0.1-py3-none-any.whl";
  @TempDir Path upstreamDir;
  private DemoPypi demo;

  @BeforeEach
  void setUp() throws IOException {
    demo = new DemoPypi(upstreamDir);
  }

  @AfterEach
  void tearDown() throws IOException {
    demo.close();
  }

  private String page(String date, String project) throws IOException {
    return demo.page(date, project, "index.html");
  }

  /** Syncs 2026-11-27 with upstream unchanged since 2026-11-26, after the purge. */
  private void syncUnchangedAfterPurge() throws IOException {
    demo.sync("2026-11-26");
    demo.purgeFile(PURGED);
    demo.server.resetCounts();

    demo.sync("2026-11-27");

    assertThat(demo.server.fileDownloads()).isZero();
    assertThat(page("2026-11-27", "tiny-dep")).doesNotContain(PURGED).contains("tiny_dep-0.2");
    assertThat(page("2026-11-27", "demo-pkg")).contains("demo_pkg-2.0");
    assertThat(demo.verify("2026-11-27").problems()).isEmpty();
    assertThat(demo.verify("2026-11-27").purged()).isEmpty();
  }

  @Test
  void aProjectCarriedForwardUnchangedDropsItsPurgedFile() throws IOException {
    syncUnchangedAfterPurge();
  }

  @Test
  void aProjectCarriedForwardUnreadDropsItsPurgedFileToo() throws IOException {
    demo.carryUnread();

    syncUnchangedAfterPurge();

    // Once no snapshot before it lists the file, unchanged projects are carried unread again.
    demo.server.resetCounts();
    demo.sync("2026-11-28");
    assertThat(demo.server.requestCount("/simple/tiny-dep/")).isZero();
    assertThat(page("2026-11-28", "tiny-dep")).doesNotContain(PURGED);
    assertThat(demo.verify("2026-11-28").problems()).isEmpty();
  }

  @Test
  void aPageLeftWithoutItsPurgedFileKeepsTheProjectStatus() throws IOException {
    demo.sync("2026-11-26");
    demo.purgeFile(PURGED);
    demo.upstream.status("tiny-dep", "deprecated", "use other-thing").write();

    demo.sync("2026-11-27");

    assertThat(page("2026-11-27", "tiny-dep"))
        .doesNotContain(PURGED)
        .contains("<meta name=\"pypi:project-status\" content=\"deprecated\">")
        .contains("use other-thing");
  }

  @Test
  void aProjectNoLongerConfiguredDoesNotBringAPurgedFileBack() throws IOException {
    demo.carryUnread();
    demo.sync("2026-11-26");
    demo.purgeFile(PURGED);
    RepoConfig fewer =
        Rig.repo("pypi", RepoType.PYPI, demo.server.url(), "Demo.Pkg", "other-thing");

    demo.rig().sync(fewer, "2026-11-27");

    assertThat(demo.storage.exists("pypi/2026-11-27/simple/tiny-dep/index.html")).isFalse();
    assertThat(demo.verify("2026-11-27").problems()).isEmpty();
    assertThat(demo.verify("2026-11-27").purged()).isEmpty();
  }

  @Test
  void theNextSyncNeitherFetchesNorServesAPurgedFileAndWarnsOfIt() throws IOException {
    demo.sync("2026-11-26");
    String purgedPage = page("2026-11-26", "tiny-dep");
    assertThat(purgedPage).contains(PURGED);
    demo.purgeFile(PURGED);
    // A new release makes the sync read the page again, purged file and all.
    demo.upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
    demo.server.resetCounts();

    demo.sync("2026-11-27");

    assertThat(demo.server.fileDownloads()).as("only the new release").isEqualTo(1);
    assertThat(page("2026-11-27", "tiny-dep")).doesNotContain(PURGED).contains("tiny_dep-0.2");
    assertThat(page("2026-11-26", "tiny-dep")).isEqualTo(purgedPage);
    assertThat(demo.rig().warnings).anyMatch(w -> w.contains(PURGED));
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
    assertThat(demo.verify("2026-11-27").purged()).isEmpty();
    assertThat(demo.verify("2026-11-26").ok()).isTrue();
    assertThat(demo.verify("2026-11-26").purged()).hasSize(1);
  }
}
