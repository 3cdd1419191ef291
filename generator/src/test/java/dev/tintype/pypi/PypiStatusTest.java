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
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project status (PEP 792) through a sync: quarantine withdraws files, other statuses carry. */
class PypiStatusTest {
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

  @Test
  void aProjectThatBecomesQuarantinedLosesItsFilesInTheNextSnapshotOnly() throws IOException {
    rig.sync(repo, "2026-11-26");
    upstream.status("tiny-dep", "quarantined", "malware <found>").write();
    rig.sync(repo, "2026-11-27");

    String json = page("2026-11-27", "tiny-dep", "index.json");
    assertThat(json)
        .contains("\"project-status\":{\"status\":\"quarantined\",\"reason\":\"malware <found>\"}")
        .contains("\"files\":[]");
    assertThat(page("2026-11-27", "tiny-dep", "index.html"))
        .contains("<meta name=\"pypi:project-status\" content=\"quarantined\">")
        .contains("content=\"malware &lt;found&gt;\"")
        .doesNotContain("<a ");
    assertThat(page("2026-11-26", "tiny-dep", "index.json")).contains("tiny_dep-0.2");
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
    assertThat(m.pool()).noneMatch(f -> f.path().contains("tiny_dep"));
    assertThat(rig.warnings)
        .anyMatch(w -> w.contains("tiny") && w.contains("quarantined") && w.contains("malware"));
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-26")).ok()).isTrue();
  }

  @Test
  void aQuarantinedProjectCarriedUnchangedStaysListedAsQuarantined() throws IOException {
    upstream.status("tiny-dep", "quarantined", null).write();
    rig.sync(repo, "2026-11-26");
    rig.warnings.clear();
    rig.sync(repo, "2026-11-27");
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
    assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
    assertThat(rig.warnings).anyMatch(w -> w.contains("quarantined"));
    assertThat(page("2026-11-27", "tiny-dep", "index.json")).contains("\"files\":[]");
  }

  @Test
  void aQuarantinedProjectCarriedUnreadStaysListedAsQuarantined() throws IOException {
    // Serials from upstream's project list: an unchanged project is carried without reading it.
    try (Rig nightly = new Rig(storage, Map.of(RepoType.PYPI, new PypiMirror(1)))) {
      upstream.status("tiny-dep", "quarantined", null).write();
      nightly.sync(repo, "2026-11-26");
      server.resetCounts();
      nightly.sync(repo, "2026-11-27");
      assertThat(server.requestCount("/simple/tiny-dep/")).isZero();
      Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
      assertThat(m.properties()).containsEntry(PypiMirror.QUARANTINED_PROPERTY, "tiny-dep");
      assertThat(nightly.warnings).anyMatch(w -> w.contains("quarantined"));
    }
  }

  @Test
  void anArchivedProjectKeepsItsFilesAndItsStatus() throws IOException {
    upstream.status("other-thing", "archived", "done").write();
    rig.sync(repo, "2026-11-27");
    assertThat(page("2026-11-27", "other-thing", "index.json"))
        .contains("\"project-status\":{\"status\":\"archived\",\"reason\":\"done\"}")
        .contains(".whl");
    assertThat(page("2026-11-27", "other-thing", "index.html"))
        .contains("<meta name=\"pypi:project-status-reason\" content=\"done\">");
  }

  private String page(String date, String project, String file) throws IOException {
    return new String(
        storage.open("pypi/" + date + "/simple/" + project + "/" + file).readAllBytes(),
        StandardCharsets.UTF_8);
  }
}
