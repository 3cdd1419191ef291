package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.curate.Curation;
import dev.tintype.curate.PypiCuration;
import dev.tintype.curate.Requirement;
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
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratedPypiSyncTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private Rig rig;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    PypiUpstream.curationDemo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private RepoConfig repo(List<String> requirements, List<String> block) {
    PypiCuration c =
        new PypiCuration(
            requirements.stream().map(Requirement::parse).toList(),
            List.of("3.11"),
            List.of("manylinux_2_28_x86_64"),
            false,
            0,
            0,
            block.stream().map(Requirement::parse).toList(),
            List.of());
    return new RepoConfig(
            PYPI, RepoType.PYPI, URI.create(server.url()), List.of(), List.of(), List.of())
        .withCuration(Curation.pypi(c));
  }

  private boolean listed(String project) {
    return storage.exists("pypi/2026-11-20/simple/" + project + "/index.html");
  }

  @Test
  void theClosureIsMirroredWithOnlyItsAllowedFilesAndTheManifestSaysWhyTheRestIsNot()
      throws IOException {
    rig.sync(repo(List.of("app"), List.of("lib==1.1")), "2026-11-20");
    assertThat(listed("app")).isTrue();
    assertThat(listed("lib")).isTrue();
    assertThat(listed("winonly")).isFalse();
    assertThat(listed("fancy-lib")).isFalse();
    assertThat(listed("unrelated")).isFalse();
    assertThat(server.fileDownloads()).isEqualTo(2);
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-20"));
    assertThat(m.properties())
        .containsEntry("curation.dropped.lib-1.1-py3-none-any.whl", "blocked (lib==1.1)")
        .containsEntry("curation.dropped.lib-2.0rc1-py3-none-any.whl", "prerelease");
    assertThat(m.pool())
        .extracting(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
        .contains("app-1.0-py3-none-any.whl", "lib-1.0-py3-none-any.whl")
        .doesNotContain("lib-1.1-py3-none-any.whl");
  }

  @Test
  void aNamedExtraBringsItsDependency() throws IOException {
    rig.sync(repo(List.of("app[fancy]"), List.of()), "2026-11-20");
    assertThat(listed("fancy-lib")).isTrue();
  }

  @Test
  void withoutPep658MetadataTheDependenciesAreReadFromTheWheelWhichIsDownloadedOnce()
      throws IOException {
    PypiUpstream up = new PypiUpstream(upstreamDir.resolve("plain"));
    up.add("top", PypiFile.wheel("top", "1.0").dependsOn("leaf>=1"));
    up.add("leaf", PypiFile.wheel("leaf", "1.0"));
    up.add("other", PypiFile.wheel("other", "1.0"));
    up.write();
    try (FakeUpstream plain = FakeUpstream.serve(up.root())) {
      RepoConfig r =
          new RepoConfig(
                  PYPI, RepoType.PYPI, URI.create(plain.url()), List.of(), List.of(), List.of())
              .withCuration(repo(List.of("top"), List.of()).curation());
      rig.sync(r, "2026-11-20");
      assertThat(listed("top")).isTrue();
      assertThat(listed("leaf")).isTrue();
      assertThat(listed("other")).isFalse();
      // Read for its metadata, then stored from that same download.
      assertThat(plain.requestCount("/files/top-1.0-py3-none-any.whl")).isEqualTo(1);
      assertThat(plain.requestCount("/files/leaf-1.0-py3-none-any.whl")).isEqualTo(1);
      assertThat(plain.fileDownloads()).isEqualTo(2);
      assertThat(rig.storage().scratch().resolve("pypi")).isEmptyDirectory();

      plain.resetCounts();
      rig.sync(r, "2026-11-21");
      // The next night reads the metadata from the pool.
      assertThat(plain.fileDownloads()).isZero();
      assertThat(storage.exists("pypi/2026-11-21/simple/leaf/index.html")).isTrue();
    }
  }

  @Test
  void aRequirementMissingUpstreamIsAnErrorNamingIt() {
    assertThatThrownBy(() -> rig.sync(repo(List.of("app", "ghost"), List.of()), "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("no such project upstream: ghost (needed by (requirements))");
  }

  @Test
  void aNightlyRecordsOnlyTodaysReasonsNotTheLastSnapshots() throws IOException {
    rig.sync(repo(List.of("app"), List.of("lib==1.1")), "2026-11-20");
    rig.sync(repo(List.of("app"), List.of()), "2026-11-21");
    Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-21"));
    assertThat(m.properties())
        .doesNotContainKey("curation.dropped.lib-1.1-py3-none-any.whl")
        .doesNotContainKey("curation.filters");
  }
}
