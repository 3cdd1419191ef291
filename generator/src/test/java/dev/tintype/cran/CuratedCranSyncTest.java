package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.curate.Curation;
import dev.tintype.curate.RRequirement;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratedCranSyncTest {
  private static final RepoName CRAN = new RepoName("cran");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private CranUpstream upstream;
  private FakeUpstream server;
  private Rig rig;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = CranUpstream.curationDemo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private RepoConfig repo(List<String> packages, boolean suggests, String... block) {
    return new RepoConfig(
            CRAN, RepoType.CRAN, URI.create(server.url()), List.of(), List.of(), List.of())
        .withCuration(
            new Curation(
                packages, suggests, List.of(block).stream().map(RRequirement::parse).toList()));
  }

  private List<String> published(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES").stream().map(r -> r.require("Package")).toList();
    }
  }

  private Manifest manifest(String date) throws IOException {
    return Snapshots.manifest(storage, CRAN, SnapshotDate.parse(date));
  }

  @Test
  void anApprovedPackageBringsItsStrongDependenciesAndNothingElseIsDownloaded() throws IOException {
    rig.sync(repo(List.of("app"), false), "2026-11-20");
    assertThat(published("2026-11-20")).containsExactly("app", "hdr", "low", "mid");
    assertThat(server.fileDownloads()).isEqualTo(4);
    assertThat(storage.exists("cran/2026-11-20/src/contrib/unrelated_1.0.tar.gz")).isFalse();
    assertThat(manifest("2026-11-20").packages()).isEqualTo(4);
    assertThat(manifest("2026-11-20").properties()).containsEntry("curation.left-out", "5");
  }

  @Test
  void suggestsAddsTheApprovedPackagesSuggestionsWithTheirDependencies() throws IOException {
    rig.sync(repo(List.of("app"), true), "2026-11-20");
    assertThat(published("2026-11-20"))
        .containsExactly("app", "extra", "extradep", "hdr", "low", "mid");
  }

  @Test
  void aBlockedDependencyIsLeftOutRecordedInTheManifestAndItsDependentsAreNamed()
      throws IOException {
    rig.sync(repo(List.of("app", "other"), false, "bad (< 1.2)"), "2026-11-20");
    assertThat(published("2026-11-20")).containsExactly("app", "hdr", "low", "mid", "other");
    assertThat(manifest("2026-11-20").properties())
        .containsEntry("curation.blocked.bad 1.1", "block rule 'bad (< 1.2)'; needed by other");
    assertThat(rig.warnings).contains("blocked bad 1.1 (rule 'bad (< 1.2)'), needed by: other");

    upstream.add(CranPackage.of("bad", "1.2")).write();
    rig.sync(repo(List.of("app", "other"), false, "bad (< 1.2)"), "2026-11-21");
    assertThat(published("2026-11-21")).contains("bad");
  }

  @Test
  void aDependencyMissingUpstreamIsAnErrorNamingItAndWhoNeedsItAndNothingIsPublished()
      throws IOException {
    upstream.remove("low").write();
    assertThatThrownBy(() -> rig.sync(repo(List.of("app", "ghost"), false), "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining(
            "not in the upstream index: ghost (needed by (packages)), low (needed by mid)");
    assertThat(storage.exists("cran/2026-11-20/manifest.json")).isFalse();
    assertThat(server.fileDownloads()).isZero();
  }

  @Test
  void blockWithoutPackagesMirrorsEverythingElse() throws IOException {
    rig.sync(repo(List.of(), false, "bad"), "2026-11-20");
    assertThat(published("2026-11-20")).hasSize(8).doesNotContain("bad");
  }

  @Test
  void withoutCurationEverythingIsMirroredAndTheManifestSaysNothingOfIt() throws IOException {
    rig.sync(Rig.repo("cran", RepoType.CRAN, server.url()), "2026-11-20");
    assertThat(published("2026-11-20")).hasSize(9);
    assertThat(manifest("2026-11-20").properties().keySet())
        .noneMatch(k -> k.startsWith("curation"));
  }
}
