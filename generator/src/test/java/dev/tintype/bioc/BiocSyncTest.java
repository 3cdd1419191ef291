package dev.tintype.bioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BiocSyncTest {
  private static final RepoName BIOC = new RepoName("bioc");
  private static final List<String> VERSIONS = List.of("3.16", "3.17");
  private static final String D1 = "2026-11-20";
  private static final String D2 = "2026-11-21";
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private BiocUpstream upstream;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = BiocUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = repo(VERSIONS, RepoConfig.BIOC_AREAS);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private RepoConfig repo(List<String> versions, List<String> areas) {
    return BiocRepos.bioc(server.url(), versions, areas);
  }

  private Path file(String date, String relative) {
    return storage.path(Layout.snapshotFile(BIOC, SnapshotDate.parse(date), relative));
  }

  private List<DcfRecord> packages(String date, String version, String area) throws IOException {
    String index = Layout.contribIndex(Layout.biocContrib(version, area), "PACKAGES");
    try (InputStream in = Files.newInputStream(file(date, index))) {
      return Dcf.read(in, index);
    }
  }

  @Test
  void everyAreaOfEachReleaseHasItsThreeIndexes() throws IOException {
    rig.sync(repo, D1);
    for (String v : VERSIONS) {
      for (String area : RepoConfig.BIOC_AREAS) {
        for (String index : Layout.R_INDEXES) {
          assertThat(file(D1, Layout.contribIndex(Layout.biocContrib(v, area), index)))
              .as(v + " " + area + " " + index)
              .isRegularFile();
        }
      }
    }
    assertThat(packages(D1, "3.16", "bioc"))
        .extracting(r -> r.require("Version"))
        .containsExactly("1.2.0");
    assertThat(packages(D1, "3.17", "bioc"))
        .extracting(r -> r.require("Version"))
        .containsExactly("1.3.1");
    assertThat(new Verifier(storage).verify(BIOC, SnapshotDate.parse(D1)).problems()).isEmpty();
  }

  @Test
  void eachAreasPathLeadsIntoThePoolAndTheTarballIsAlsoAtItsStandardPlace() throws IOException {
    rig.sync(repo, D1);
    String contrib = Layout.biocContrib("3.16", "data/annotation");
    DcfRecord org = packages(D1, "3.16", "data/annotation").get(0);
    assertThat(org.require("Path")).startsWith("../../../../../../../../pool/");
    Path viaPath = file(D1, contrib).resolve(org.require("Path") + "/org.Demo.db_3.16.0.tar.gz");
    assertThat(viaPath.normalize().toString()).startsWith("/srv/tintype/pool/");
    assertThat(
            Files.isSameFile(viaPath.normalize(), file(D1, contrib + "/org.Demo.db_3.16.0.tar.gz")))
        .isTrue();
  }

  @Test
  void areasMissingUpstreamGetValidEmptyIndexesAndNoArchiveIsInvented() throws IOException {
    rig.sync(repo, D1);
    for (String[] missing :
        List.of(
            new String[] {"3.16", "workflows"},
            new String[] {"3.16", "books"},
            new String[] {"3.17", "data/experiment"},
            new String[] {"3.17", "books"})) {
      String contrib = Layout.biocContrib(missing[0], missing[1]);
      assertThat(file(D1, contrib + "/PACKAGES")).isEmptyFile();
      try (InputStream in =
          new GZIPInputStream(Files.newInputStream(file(D1, contrib + "/PACKAGES.gz")))) {
        assertThat(in.readAllBytes()).isEmpty();
      }
      try (InputStream in =
          new GZIPInputStream(Files.newInputStream(file(D1, contrib + "/PACKAGES.rds")))) {
        assertThat(new String(in.readNBytes(2), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("X\n");
      }
    }
    try (Stream<Path> all = Files.walk(storage.path("bioc"))) {
      assertThat(all).noneMatch(p -> p.getFileName().toString().equals("Archive"));
    }
    assertThat(server.requests()).noneMatch(p -> p.contains("Archive"));
  }

  @Test
  void configYamlIsMirroredByteForByteAtTheSnapshotRoot() throws IOException {
    rig.sync(repo, D1);
    assertThat(Files.readAllBytes(file(D1, Layout.BIOC_CONFIG)))
        .isEqualTo(Files.readAllBytes(upstreamDir.resolve("config.yaml")));
  }

  @Test
  void aConfigYamlThatIsNotYamlIsRefusedNamingItAndNothingIsPublished() throws IOException {
    upstream.configYaml("release_version: \"3.16\n  devel_version: [3.17\n: : {\n").write();
    assertThatThrownBy(() -> rig.sync(repo, D1))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining(server.url() + "/config.yaml is not YAML");
    assertNothingPublished();
  }

  @Test
  void anHtmlPageInPlaceOfConfigYamlIsRefused() throws IOException {
    upstream.configYaml("<html><body>Service Unavailable</body></html>\n").write();
    assertThatThrownBy(() -> rig.sync(repo, D1))
        .hasMessageContaining("/config.yaml is not a YAML mapping");
    assertNothingPublished();
  }

  @Test
  void aConfigYamlWithoutTheReleaseMapIsRefusedNamingTheKey() throws IOException {
    upstream.configYaml("release_version: \"3.16\"\ndevel_version: \"3.17\"\n").write();
    assertThatThrownBy(() -> rig.sync(repo, D1))
        .hasMessageContaining("/config.yaml has no r_ver_for_bioc_ver");
    assertNothingPublished();
  }

  @Test
  void aConfigYamlLargerThanThePageLimitIsRefusedNamingTheSetting() throws IOException {
    upstream
        .configYaml(BiocUpstream.config("3.16", "3.17") + "#" + "x".repeat(4096) + "\n")
        .write();
    rig.limits(new Limits(4096, 1L << 30));
    assertThatThrownBy(() -> rig.sync(repo, D1))
        .hasMessageContaining("/config.yaml")
        .hasMessageContaining("limits.max-page-size");
    assertNothingPublished();
  }

  @Test
  void aMissingConfigYamlIsRefused() throws IOException {
    Files.delete(upstreamDir.resolve("config.yaml"));
    assertThatThrownBy(() -> rig.sync(repo, D1)).hasMessageContaining("/config.yaml is not there");
    assertNothingPublished();
  }

  @Test
  void aReleaseWithNoAreaUpstreamIsRefused() {
    RepoConfig typo = repo(List.of("3.16", "3.99"), RepoConfig.BIOC_AREAS);
    assertThatThrownBy(() -> rig.sync(typo, D1))
        .hasMessageContaining("/packages/3.99/ has no index in any of")
        .hasMessageContaining("is 3.99 a Bioconductor release?");
    assertThat(rig.warnings).anyMatch(w -> w.contains("maps no R version to 3.99"));
  }

  @Test
  void onlyTheConfiguredAreasAreMirrored() throws IOException {
    rig.sync(repo(List.of("3.16"), List.of("bioc")), D1);
    assertThat(file(D1, Layout.biocContrib("3.16", "bioc") + "/PACKAGES")).isRegularFile();
    assertThat(file(D1, "packages/3.16/data")).doesNotExist();
    assertThat(file(D1, "packages/3.17")).doesNotExist();
    assertThat(server.fileDownloads()).isEqualTo(1);
  }

  @Test
  void theManifestCountsTheRecordsOfEveryAreaAndTheSameTarballIsFetchedOnce() throws IOException {
    rig.sync(repo, D1);
    Manifest m = Snapshots.manifest(storage, BIOC, SnapshotDate.parse(D1));
    // 3.16: biocAlpha, org.Demo.db, demoData; 3.17: biocAlpha, org.Demo.db
    assertThat(m.packages()).isEqualTo(5);
    assertThat(m.properties()).containsEntry("bioconductor.versions", "3.16 3.17");
    // org.Demo.db is the same file in both releases
    assertThat(server.fileDownloads()).isEqualTo(4);
    assertThat(
            Files.isSameFile(
                file(
                    D1,
                    Layout.biocContrib("3.16", "data/annotation") + "/org.Demo.db_3.16.0.tar.gz"),
                file(
                    D1,
                    Layout.biocContrib("3.17", "data/annotation") + "/org.Demo.db_3.16.0.tar.gz")))
        .isTrue();
  }

  @Test
  void aRerunDownloadsNothingAndCarriesEveryIndexAndTheConfig() throws IOException {
    rig.sync(repo, D1);
    server.resetCounts();
    rig.sync(repo, D2);
    assertThat(server.fileDownloads()).isZero();
    for (String v : VERSIONS) {
      for (String area : RepoConfig.BIOC_AREAS) {
        for (String index : Layout.R_INDEXES) {
          String f = Layout.contribIndex(Layout.biocContrib(v, area), index);
          assertThat(Files.isSameFile(file(D1, f), file(D2, f))).as(f).isTrue();
        }
      }
    }
    assertThat(Files.isSameFile(file(D1, Layout.BIOC_CONFIG), file(D2, Layout.BIOC_CONFIG)))
        .isTrue();
    assertThat(new Verifier(storage).verify(BIOC, SnapshotDate.parse(D2)).problems()).isEmpty();
  }

  @Test
  void aNewVersionInOneAreaRewritesOnlyThatAreasIndexes() throws IOException {
    rig.sync(repo, D1);
    upstream.add("3.17", "bioc", CranPackage.of("biocAlpha", "1.3.2")).write();
    upstream.configYaml(BiocUpstream.config("3.17", "3.18")).write();
    server.resetCounts();
    rig.sync(repo, D2);
    assertThat(server.fileDownloads()).isEqualTo(1);
    String changed = Layout.contribIndex(Layout.biocContrib("3.17", "bioc"), "PACKAGES");
    String same = Layout.contribIndex(Layout.biocContrib("3.16", "bioc"), "PACKAGES");
    assertThat(Files.isSameFile(file(D1, changed), file(D2, changed))).isFalse();
    assertThat(Files.isSameFile(file(D1, same), file(D2, same))).isTrue();
    assertThat(packages(D2, "3.17", "bioc"))
        .extracting(r -> r.require("Version"))
        .containsExactly("1.3.2");
    assertThat(Files.readString(file(D2, Layout.BIOC_CONFIG)))
        .contains("release_version: \"3.17\"");
    assertThat(Files.readString(file(D1, Layout.BIOC_CONFIG)))
        .contains("release_version: \"3.16\"");
  }

  private void assertNothingPublished() throws IOException {
    assertThat(storage.exists(Layout.manifest(BIOC, SnapshotDate.parse(D1)))).isFalse();
    assertThat(storage.latest(BIOC)).isEqualTo(Optional.empty());
    assertThat(server.fileDownloads()).isZero();
  }
}
