package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project status (PEP 792) through a sync: quarantine withdraws files, other statuses carry. */
class PypiStatusTest {
  private static final RepoName PYPI = new RepoName("pypi");
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

  @Test
  void aProjectThatBecomesQuarantinedLosesItsFilesInTheNextSnapshotOnly() throws IOException {
    demo.sync("2026-11-26");
    demo.upstream.status("tiny-dep", "quarantined", "malware <found>").write();
    demo.sync("2026-11-27");

    String json = page("2026-11-27", "tiny-dep", "index.json");
    assertThat(json)
        .contains("\"project-status\":{\"status\":\"quarantined\",\"reason\":\"malware <found>\"}")
        .contains("\"files\":[]");
    assertThat(page("2026-11-27", "tiny-dep", "index.html"))
        .contains("<meta name=\"pypi:project-status\" content=\"quarantined\">")
        .contains("content=\"malware &lt;found&gt;\"")
        .doesNotContain("<a ");
    assertThat(page("2026-11-26", "tiny-dep", "index.json")).contains("tiny_dep-0.2");
    Manifest m = Snapshots.manifest(demo.storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
    assertThat(m.pool()).noneMatch(f -> f.path().contains("tiny_dep"));
    assertThat(demo.rig().warnings)
        .anyMatch(w -> w.contains("tiny") && w.contains("quarantined") && w.contains("malware"));
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
    assertThat(demo.verify("2026-11-26").ok()).isTrue();
  }

  @Test
  void aQuarantinedProjectCarriedUnchangedStaysListedAsQuarantined() throws IOException {
    demo.upstream.status("tiny-dep", "quarantined", null).write();
    demo.sync("2026-11-26");
    demo.rig().warnings.clear();
    demo.sync("2026-11-27");
    Manifest m = Snapshots.manifest(demo.storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
    assertThat(demo.rig().warnings).anyMatch(w -> w.contains("quarantined"));
    assertThat(page("2026-11-27", "tiny-dep", "index.json")).contains("\"files\":[]");
  }

  @Test
  void aQuarantinedProjectCarriedUnreadStaysListedAsQuarantined() throws IOException {
    // Serials from upstream's project list: an unchanged project is carried without reading it.
    demo.carryUnread();
    demo.upstream.status("tiny-dep", "quarantined", null).write();
    demo.sync("2026-11-26");
    demo.server.resetCounts();
    demo.sync("2026-11-27");
    assertThat(demo.server.requestCount("/simple/tiny-dep/")).isZero();
    Manifest m = Snapshots.manifest(demo.storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
    assertThat(demo.rig().warnings).anyMatch(w -> w.contains("quarantined"));
  }

  @Test
  void anArchivedProjectKeepsItsFilesAndItsStatus() throws IOException {
    demo.upstream.status("other-thing", "archived", "done").write();
    demo.sync("2026-11-27");
    assertThat(page("2026-11-27", "other-thing", "index.json"))
        .contains("\"project-status\":{\"status\":\"archived\",\"reason\":\"done\"}")
        .contains(".whl");
    assertThat(page("2026-11-27", "other-thing", "index.html"))
        .contains("<meta name=\"pypi:project-status-reason\" content=\"done\">");
  }

  private String page(String date, String project, String file) throws IOException {
    return demo.page(date, project, file);
  }
}
