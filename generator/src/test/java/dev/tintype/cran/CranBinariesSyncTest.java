package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.Binaries;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.CranBinaryTree;
import dev.tintype.fixtures.CranBinaryTree.Dir;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.Tarballs;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.UpstreamShrankException;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CranBinariesSyncTest {
  private static final RepoName CRAN = new RepoName("cran");
  private static final Dir WIN = Dir.windows("4.4");
  private static final Dir MAC = Dir.macos("big-sur-arm64", "4.5");
  private static final String JUNE = "2024-06-14 12:00:00 UTC";
  private static final String JULY = "2024-07-01 08:00:00 UTC";
  private static final CranPackage PKG_A = CranPackage.of("pkgA", "1.0.0");
  private static final CranPackage PKG_B = CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA");

  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private CranBinaryTree binaries;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    new CranUpstream(upstreamDir).add(PKG_A).add(PKG_B).write();
    binaries =
        new CranBinaryTree(upstreamDir)
            .add(WIN, PKG_A, JUNE)
            .add(WIN, PKG_B, JUNE)
            .withoutMd5(WIN, "pkgB")
            .add(MAC, PKG_A, JUNE)
            .add(MAC, PKG_B, JUNE)
            .write();
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = withBinaries(new Binaries(List.of("4.4"), Map.of("big-sur-arm64", List.of("4.5"))));
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private RepoConfig withBinaries(Binaries b) {
    RepoConfig r = Rig.repo("cran", RepoType.CRAN, server.url());
    return new RepoConfig(r.name(), r.type(), r.upstream(), r.projects(), r.versions(), r.areas())
        .withBinaries(b);
  }

  private List<DcfRecord> packages(String date, Dir dir) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/" + dir.path() + "/PACKAGES")) {
      return Dcf.read(in, "PACKAGES");
    }
  }

  private byte[] served(String date, Dir dir, String name) throws IOException {
    DcfRecord r =
        packages(date, dir).stream()
            .filter(x -> x.require("Package").equals(name))
            .findFirst()
            .orElseThrow();
    Path viaPath =
        storage
            .path("cran/" + date + "/" + dir.path())
            .resolve(r.require("Path") + "/" + binaries.fileName(dir, name))
            .normalize();
    assertThat(viaPath.toString()).startsWith("/srv/tintype/pool/");
    Path standard =
        storage.path("cran/" + date + "/" + dir.path() + "/" + binaries.fileName(dir, name));
    assertThat(Files.isSameFile(viaPath, standard)).isTrue();
    return Files.readAllBytes(viaPath);
  }

  private void assertNothingPublished(String date) throws IOException {
    assertThat(storage.exists("cran/" + date + "/manifest.json")).isFalse();
    assertThat(storage.latest(CRAN)).isEmpty();
  }

  @Test
  void aCuratedRepositoryKeepsTheBinariesOfThePackagesItsSourceClosureKept() throws IOException {
    RepoConfig r = withBinaries(repo.binaries());
    RepoConfig curated =
        new RepoConfig(
            r.name(),
            r.type(),
            r.upstream(),
            r.projects(),
            r.versions(),
            r.areas(),
            r.binaries(),
            new dev.tintype.curate.Curation(List.of("pkgA"), false, List.of()),
            false);

    rig.sync(curated, "2026-11-20");

    assertThat(packages("2026-11-20", WIN))
        .extracting(x -> x.require("Package"))
        .containsExactly("pkgA");
    assertThat(packages("2026-11-20", MAC))
        .extracting(x -> x.require("Package"))
        .containsExactly("pkgA");
  }

  @Test
  void eachConfiguredBinaryDirIsMirroredIntoThePoolWithItsOwnIndexes() throws IOException {
    rig.sync(repo, "2026-11-20");

    for (Dir dir : List.of(WIN, MAC)) {
      assertThat(packages("2026-11-20", dir))
          .extracting(r -> r.require("Package"))
          .containsExactly("pkgA", "pkgB");
      for (String name : List.of("pkgA", "pkgB")) {
        assertThat(served("2026-11-20", dir, name)).isEqualTo(binaries.bytes(dir, name));
      }
      assertThat(packages("2026-11-20", dir).get(0).require("Path"))
          .startsWith("../".repeat(dir.path().split("/").length + 2) + "pool/");
      assertThat(storage.exists("cran/2026-11-20/" + dir.path() + "/PACKAGES.gz")).isTrue();
      assertThat(storage.exists("cran/2026-11-20/" + dir.path() + "/PACKAGES.rds")).isTrue();
    }
    assertThat(storage.exists("cran/2026-11-20/src/contrib/PACKAGES")).isTrue();
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-20")).problems())
        .isEmpty();
  }

  @Test
  void eachDateKeepsTheBuildItSawAfterUpstreamRebuildsTheSameVersion() throws IOException {
    rig.sync(repo, "2026-11-20");
    byte[] juneWin = binaries.bytes(WIN, "pkgB");
    byte[] juneMac = binaries.bytes(MAC, "pkgA");
    // The Windows record has no MD5sum: its new Built line tells the rebuild apart.
    binaries.add(WIN, PKG_B, JULY).withoutMd5(WIN, "pkgB").add(MAC, PKG_A, JULY).write();
    rig.sync(repo, "2026-11-21");

    assertThat(binaries.bytes(WIN, "pkgB")).isNotEqualTo(juneWin);
    assertThat(served("2026-11-20", WIN, "pkgB")).isEqualTo(juneWin);
    assertThat(served("2026-11-21", WIN, "pkgB")).isEqualTo(binaries.bytes(WIN, "pkgB"));
    assertThat(served("2026-11-20", MAC, "pkgA")).isEqualTo(juneMac);
    assertThat(served("2026-11-21", MAC, "pkgA")).isEqualTo(binaries.bytes(MAC, "pkgA"));
  }

  @Test
  void anUnchangedBinaryIsNotDownloadedAgainWithOrWithoutAnMd5Sum() throws IOException {
    rig.sync(repo, "2026-11-20");
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    // The Windows pkgB has no MD5sum; its Built line tells it is the same build.
    assertThat(server.fileDownloads()).isZero();
  }

  @Test
  void aZipWithDotDotEntriesIsRefusedNamingTheRecordAndNothingIsPublished() throws IOException {
    binaries
        .replaceFile(WIN, "pkgB", PkgFiles.rawZip(installed("pkgB", "pkgB/../../evil.R")))
        .write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgB 0.2-1 (bin/windows/contrib/4.4/pkgB_0.2-1.zip)")
        .hasMessageContaining("entry 'pkgB/../../evil.R' leads out of the library with '..'");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aZipWithAnAbsolutePathIsRefused() throws IOException {
    binaries.replaceFile(WIN, "pkgA", PkgFiles.rawZip(installed("pkgA", "/etc/cron.d/x")));
    binaries.write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgA 1.0.0 (bin/windows/contrib/4.4/pkgA_1.0.0.zip)")
        .hasMessageContaining("entry '/etc/cron.d/x' is an absolute path");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aZipBombIsRefusedWithinTheLimit() throws IOException {
    Map<String, byte[]> files = installed("pkgB", null);
    files.put("pkgB/libs/bomb.dll", new byte[4 << 20]); // zeros: a few KiB compressed
    binaries.replaceFile(WIN, "pkgB", CranBinaryTree.zip(files)).write();
    rig.limits(new Limits(Limits.DEFAULT_MAX_PAGE_BYTES, 1 << 20));
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgB 0.2-1 (bin/windows/contrib/4.4/pkgB_0.2-1.zip)")
        .hasMessageContaining("limits.max-index-size");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aTgzBombIsRefusedWithinTheLimit() throws IOException {
    Map<String, byte[]> files = installed("pkgA", null);
    files.put("pkgA/libs/bomb.so", new byte[4 << 20]);
    binaries.replaceFile(MAC, "pkgA", Tarballs.tarGz(files)).write();
    rig.limits(new Limits(Limits.DEFAULT_MAX_PAGE_BYTES, 1 << 20));
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgA 1.0.0 (bin/macosx/big-sur-arm64/contrib/4.5/pkgA_1.0.0.tgz)")
        .hasMessageContaining("limits.max-index-size");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aTgzWhoseDescriptionDisagreesIsRefused() throws IOException {
    Map<String, byte[]> files = installed("pkgA", null);
    files.put(
        "pkgA/DESCRIPTION",
        "Package: pkgA\nVersion: 9.9.9\nBuilt: R 4.5.1; ; 2024-06-14 12:00:00 UTC; unix\n"
            .getBytes(StandardCharsets.UTF_8));
    binaries.replaceFile(MAC, "pkgA", Tarballs.tarGz(files)).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgA 1.0.0 (bin/macosx/big-sur-arm64/contrib/4.5/pkgA_1.0.0.tgz)")
        .hasMessageContaining("DESCRIPTION says Package 'pkgA' Version '9.9.9'");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aBinaryWithoutBuiltIsNotAnInstalledPackageAndIsRefused() throws IOException {
    // A source package's files, zipped: no Built line.
    binaries.replaceFile(WIN, "pkgB", PkgFiles.rawZip(PkgFiles.source("pkgB", "0.2-1")));
    binaries.write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgB 0.2-1 (bin/windows/contrib/4.4/pkgB_0.2-1.zip)")
        .hasMessageContaining("has no Built field");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aTgzWithASymlinkOutOfThePackageIsRefused() throws IOException {
    binaries.replaceFile(MAC, "pkgB", PkgFiles.tgzWithLink("pkgB", "0.2-1", "../../../etc"));
    binaries.write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("link 'pkgB/data' points outside pkgB/");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aConfiguredDirUpstreamLacksRefusesTheSnapshotNamingIt() throws IOException {
    RepoConfig r = withBinaries(new Binaries(List.of("4.3"), Map.of()));
    assertThatThrownBy(() -> rig.sync(r, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("bin/windows/contrib/4.3/PACKAGES");
    assertNothingPublished("2026-11-20");
  }

  @Test
  void aBinaryDirThatLostMostOfItsRecordsRefusesTheSnapshotUnlessForced() throws IOException {
    rig.sync(repo, "2026-11-20");
    Path index = upstreamDir.resolve(MAC.path()).resolve("PACKAGES");
    Files.delete(index.resolveSibling("PACKAGES.gz"));
    Files.writeString(index, "");
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-21"))
        .isInstanceOf(UpstreamShrankException.class)
        .hasMessageContaining("lists 0 binaries, but snapshot 2026-11-20 has 2")
        .hasMessageContaining(MAC.path());
    assertThat(storage.exists("cran/2026-11-21/manifest.json")).isFalse();

    rig.sync(
        repo, new SyncOptions(SnapshotDate.parse("2026-11-21"), true, false, Optional.empty()));
    assertThat(packages("2026-11-21", MAC)).hasSize(0);
  }

  @Test
  void aBackfillLeavesBinariesOutAndSaysSo() throws IOException {
    // A CRAN backfill dates versions by upstream's Meta files; these say both were there on 11-20.
    Path meta = Files.createDirectories(upstreamDir.resolve("src/contrib/Meta"));
    double published = java.time.Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
    try (var out = Files.newOutputStream(meta.resolve("archive.rds"))) {
      dev.tintype.format.cran.CranMeta.writeArchive(Map.of(), out);
    }
    try (var out = Files.newOutputStream(meta.resolve("current.rds"))) {
      dev.tintype.format.cran.CranMeta.writeCurrent(
          List.of(
              dev.tintype.format.cran.FileInfo.of(PKG_A.filename(), 100, published),
              dev.tintype.format.cran.FileInfo.of(PKG_B.filename(), 100, published)),
          out);
    }
    rig.sync(
        repo, new SyncOptions(SnapshotDate.parse("2026-11-20"), false, true, Optional.empty()));
    assertThat(rig.warnings).anyMatch(w -> w.contains("binaries cannot be backfilled"));
    assertThat(storage.exists("cran/2026-11-20/" + WIN.path() + "/PACKAGES")).isFalse();
    assertThat(storage.exists("cran/2026-11-20/" + MAC.path() + "/PACKAGES")).isFalse();
    assertThat(server.requests()).noneMatch(p -> p.contains("/bin/"));
  }

  @Test
  void theDirsAreWhereContribUrlLooksForEachTypeAndRVersion() {
    RepoConfig r =
        withBinaries(
            new Binaries(
                List.of("4.4"),
                Map.of("legacy", List.of("4.2"), "big-sur-arm64", List.of("4.5", "4.6"))));
    assertThat(CranBinaries.locations(r))
        .extracting(ContribLocation::dir, ContribLocation::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bin/windows/contrib/4.4", PackageKind.WINDOWS),
            org.assertj.core.groups.Tuple.tuple(
                "bin/macosx/big-sur-arm64/contrib/4.5", PackageKind.MACOS),
            org.assertj.core.groups.Tuple.tuple(
                "bin/macosx/big-sur-arm64/contrib/4.6", PackageKind.MACOS),
            org.assertj.core.groups.Tuple.tuple("bin/macosx/contrib/4.2", PackageKind.MACOS));
    assertThat(CranBinaries.locations(r).get(0).upstream())
        .isEqualTo(server.url().replaceAll("/+$", "") + "/bin/windows/contrib/4.4");
  }

  /** An installed-looking pkg dir, with an extra entry {@code extra} (a path as given). */
  private static Map<String, byte[]> installed(String name, String extra) {
    Map<String, byte[]> files = PkgFiles.installed(name, name.equals("pkgA") ? "1.0.0" : "0.2-1");
    if (extra != null) {
      files.put(extra, "x".getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }
}
