package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.UpstreamShrankException;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CranSyncTest {
  private static final RepoName CRAN = new RepoName("cran");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private CranUpstream upstream;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream =
        new CranUpstream(upstreamDir)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
            .add(CranPackage.of("MASS", "7.3-60").path("4.2.0/Recommended"))
            .add(CranPackage.of("latin", "1.0").latin1())
            .write();
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("cran", RepoType.CRAN, server.url());
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private List<DcfRecord> packages(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES");
    }
  }

  @Test
  void firstSyncPublishesAnIndexPointingIntoThePoolAndHardLinks() throws IOException {
    rig.sync(repo, "2026-11-20");
    List<DcfRecord> recs = packages("2026-11-20");
    assertThat(recs)
        .extracting(r -> r.require("Package"))
        .containsExactly("latin", "MASS", "pkgA", "pkgB");
    for (DcfRecord r : recs) {
      assertThat(r.require("Path")).startsWith("../../../../pool/");
      String file = r.require("Package") + "_" + r.require("Version") + ".tar.gz";
      Path poolFile =
          storage
              .path("cran/2026-11-20/src/contrib")
              .resolve(r.require("Path") + "/" + file)
              .normalize();
      assertThat(poolFile.toString()).startsWith("/srv/tintype/pool/");
      assertThat(Files.isSameFile(poolFile, storage.path("cran/2026-11-20/src/contrib/" + file)))
          .isTrue();
    }
    assertThat(storage.latest(CRAN)).contains(SnapshotDate.parse("2026-11-20"));
    assertThat(storage.exists("cran/2026-11-20/src/contrib/PACKAGES.gz")).isTrue();
    assertThat(storage.exists("cran/2026-11-20/src/contrib/PACKAGES.rds")).isTrue();
    assertThat(server.fileDownloads()).isEqualTo(4);
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-20")).problems())
        .isEmpty();
  }

  @Test
  void rerunWithNoUpstreamChangeDownloadsNothing() throws IOException {
    rig.sync(repo, "2026-11-20");
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    assertThat(server.fileDownloads()).isZero();
    assertThat(Snapshots.published(storage, CRAN)).hasSize(2);
  }

  @Test
  void aNewVersionUpstreamIsTheOnlyDownloadOfTheNextSync() throws IOException {
    rig.sync(repo, "2026-11-20");
    upstream.add(CranPackage.of("pkgA", "1.1.0")).write();
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    assertThat(server.fileDownloads()).isEqualTo(1);
    assertThat(packages("2026-11-20")).anyMatch(r -> r.require("Version").equals("1.0.0"));
    assertThat(packages("2026-11-21")).anyMatch(r -> r.require("Version").equals("1.1.0"));
    assertThat(storage.latest(CRAN)).contains(SnapshotDate.parse("2026-11-21"));
  }

  @Test
  void anUnchangedIndexIsHardLinkedFromTheLastSnapshot() throws IOException {
    rig.sync(repo, "2026-11-20");
    rig.sync(repo, "2026-11-21");
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      assertThat(Files.isSameFile(contrib("2026-11-20", f), contrib("2026-11-21", f)))
          .as(f)
          .isTrue();
    }
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-21")).problems())
        .isEmpty();
  }

  @Test
  void aChangeTheTextIndexCannotShowStillGivesAFreshRds() throws IOException {
    // strwrap folds the double space away in PACKAGES, but PACKAGES.rds keeps the value as read.
    setUpstreamImports("pkgA,  MASS");
    rig.sync(repo, "2026-11-20");
    setUpstreamImports("pkgA, MASS");
    rig.sync(repo, "2026-11-21");
    assertThat(Files.readAllBytes(contrib("2026-11-21", "PACKAGES")))
        .isEqualTo(Files.readAllBytes(contrib("2026-11-20", "PACKAGES")));
    assertThat(
            Files.isSameFile(
                contrib("2026-11-20", "PACKAGES.rds"), contrib("2026-11-21", "PACKAGES.rds")))
        .isFalse();
    assertThat(gunzip(contrib("2026-11-20", "PACKAGES.rds"))).contains("pkgA,  MASS");
    assertThat(gunzip(contrib("2026-11-21", "PACKAGES.rds")))
        .contains("pkgA, MASS")
        .doesNotContain("pkgA,  MASS");
  }

  @Test
  void aNewVersionGivesFreshIndexes() throws IOException {
    rig.sync(repo, "2026-11-20");
    upstream.add(CranPackage.of("pkgA", "1.1.0")).write();
    rig.sync(repo, "2026-11-21");
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      assertThat(Files.isSameFile(contrib("2026-11-20", f), contrib("2026-11-21", f)))
          .as(f)
          .isFalse();
    }
    assertThat(gunzip(contrib("2026-11-21", "PACKAGES.gz"))).contains("Version: 1.1.0");
  }

  private Path contrib(String date, String file) {
    return storage.path("cran/" + date + "/src/contrib/" + file);
  }

  private static String gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Rewrites upstream's index with pkgB's Imports as given, byte for byte. */
  private void setUpstreamImports(String imports) throws IOException {
    Path contrib = upstreamDir.resolve("src/contrib");
    String text = Files.readString(contrib.resolve("PACKAGES"), StandardCharsets.UTF_8);
    String changed = text.replaceAll("Imports: pkgA[^\\n]*", "Imports: " + imports);
    assertThat(changed).contains("Imports: " + imports);
    Files.writeString(contrib.resolve("PACKAGES"), changed, StandardCharsets.UTF_8);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(contrib.resolve("PACKAGES.gz")))) {
      out.write(changed.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void syncingAPublishedDateAgainChangesNothing() throws IOException {
    rig.sync(repo, "2026-11-20");
    byte[] before = storage.open("cran/2026-11-20/manifest.json").readAllBytes();
    upstream.add(CranPackage.of("pkgA", "9.9")).write();
    var out = rig.sync(repo, "2026-11-20");
    assertThat(out.get(0).published()).isFalse();
    assertThat(out.get(0).note()).isEqualTo("already published");
    assertThat(storage.open("cran/2026-11-20/manifest.json").readAllBytes()).isEqualTo(before);
  }

  @Test
  void indexesAreDeterministicAcrossRuns() throws IOException {
    rig.sync(repo, "2026-11-20");
    rig.sync(repo, "2026-11-21");
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      assertThat(storage.open("cran/2026-11-21/src/contrib/" + f).readAllBytes())
          .as(f)
          .isEqualTo(storage.open("cran/2026-11-20/src/contrib/" + f).readAllBytes());
    }
  }

  @Test
  void aRecordWithTraversalInItsNameIsRefusedAndNothingIsPublished() throws IOException {
    upstream.add(CranPackage.of("evil", "1.0").indexField("Package", "../evil")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("../evil");
    assertNothingPublished();
  }

  @Test
  void aPathFieldThatClimbsIsRefused() throws IOException {
    upstream.add(CranPackage.of("evil", "1.0").indexField("Path", "../../etc")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("evil")
        .hasMessageContaining("Path");
    assertNothingPublished();
  }

  @Test
  void anMd5MismatchIsRefusedNamingThePackage() throws IOException {
    upstream.add(CranPackage.of("pkgC", "1.0").indexField("MD5sum", "0".repeat(32))).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .hasMessageContaining("pkgC 1.0")
        .hasMessageContaining("MD5 mismatch");
    assertNothingPublished();
  }

  @Test
  void aTarballWhoseDescriptionNamesAnotherPackageIsRefused() throws IOException {
    upstream.add(CranPackage.of("pkgD", "1.0").descriptionSays("other", "1.0")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgD 1.0");
    assertNothingPublished();
  }

  @Test
  void aTarballWhoseDescriptionHasAnotherVersionIsRefused() throws IOException {
    upstream.add(CranPackage.of("pkgD", "1.0").descriptionSays("pkgD", "2.0")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgD 1.0")
        .hasMessageContaining("Version '2.0'");
    assertNothingPublished();
  }

  @Test
  void aFileFieldThatClimbsIsRefusedBeforeAnythingIsFetched() throws IOException {
    upstream.add(CranPackage.of("evil", "1.0").indexField("File", "../x.tar.gz")).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("PACKAGES.gz record 1 (Package 'evil')")
        .hasMessageContaining("File '../x.tar.gz'");
    assertThat(server.requests()).noneMatch(p -> p.contains("x.tar.gz"));
    assertThat(server.fileDownloads()).isZero();
    assertNothingPublished();
  }

  @Test
  void aDownloadTruncatedEveryTimeFailsWithoutPublishing() throws IOException {
    server.truncateNext("/src/contrib/pkgA_1.0.0.tar.gz", 10);
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20")).hasMessageContaining("pkgA 1.0.0");
    assertNothingPublished();
  }

  @Test
  void aTransientTruncationIsRetried() throws IOException {
    server.truncateNext("/src/contrib/pkgA_1.0.0.tar.gz", 1);
    server.failNext("/src/contrib/pkgB_0.2-1.tar.gz", 1, 503);
    rig.sync(repo, "2026-11-20");
    assertThat(Snapshots.published(storage, CRAN)).hasSize(1);
  }

  @Test
  void anUpstreamThatShrankSharplyIsRefusedUnlessForced() throws IOException {
    rig.sync(repo, "2026-11-20");
    upstream.remove("pkgA").remove("pkgB").remove("MASS").write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-21"))
        .isInstanceOf(UpstreamShrankException.class)
        .hasMessageContaining("--force");
    assertThat(Snapshots.published(storage, CRAN)).hasSize(1);
    rig.sync(
        repo, new SyncOptions(SnapshotDate.parse("2026-11-21"), true, false, Optional.empty()));
    Manifest m = Snapshots.manifest(storage, CRAN, SnapshotDate.parse("2026-11-21"));
    assertThat(m.packages()).isEqualTo(1);
  }

  @Test
  void anUpstreamWithoutPackagesGzFallsBackToPackages() throws IOException {
    Files.delete(upstreamDir.resolve("src/contrib/PACKAGES.gz"));
    rig.sync(repo, "2026-11-20");
    assertThat(packages("2026-11-20")).hasSize(4);
  }

  @Test
  void aFileUpstreamWorksLikeHttp() throws IOException {
    RepoConfig local = Rig.repo("cran", RepoType.CRAN, upstreamDir.toUri().toString());
    rig.sync(local, "2026-11-20");
    assertThat(packages("2026-11-20")).hasSize(4);
  }

  private void assertNothingPublished() throws IOException {
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
    assertThat(storage.exists("cran/latest")).isFalse();
    assertThat(storage.list(".tintype/staging")).isEmpty();
  }
}
