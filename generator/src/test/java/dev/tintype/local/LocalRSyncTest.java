package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.diff.DiffReport;
import dev.tintype.diff.SnapshotDiff;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncOptions;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** local-r syncs on jimfs: the directory, the storage and the scratch space all in memory. */
class LocalRSyncTest {
  private static final RepoName REPO = new RepoName("internal-r");
  private FileSystem fs;
  private Path dir;
  private FileStorage storage;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    dir = Files.createDirectories(fs.getPath("/srv/internal/r"));
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    rig = new Rig(storage, Map.of(RepoType.LOCAL_R, new LocalRMirror()));
    repo = new RepoConfig(REPO, RepoType.LOCAL_R, dir.toUri(), List.of());
    CranPackage.of("pkgA", "1.0.0").writeTo(dir);
    CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA").writeTo(dir);
    CranPackage.of("latin", "1.0").latin1().writeTo(dir);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    fs.close();
  }

  private List<DcfRecord> packages(String date) throws IOException {
    try (InputStream in = storage.open("internal-r/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES");
    }
  }

  private Path contrib(String date, String file) {
    return storage.path("internal-r/" + date + "/src/contrib/" + file);
  }

  private boolean published(String date) throws IOException {
    return Snapshots.published(storage, REPO).contains(SnapshotDate.parse(date));
  }

  private void assertVerifies(String date) throws IOException {
    assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse(date)).problems()).isEmpty();
  }

  @Test
  void theDirectoryBecomesASnapshotWithPathIntoThePoolAndHardLinks() throws Exception {
    rig.sync(repo, "2026-12-01");

    List<DcfRecord> recs = packages("2026-12-01");
    assertThat(recs).extracting(r -> r.require("Package")).containsExactly("latin", "pkgA", "pkgB");
    for (DcfRecord r : recs) {
      String file = r.require("Package") + "_" + r.require("Version") + ".tar.gz";
      assertThat(r.require("Path")).startsWith("../../../../pool/");
      assertThat(r.require("MD5sum")).isEqualTo(md5(dir.resolve(file)));
      Path pooled =
          storage
              .path("internal-r/2026-12-01/src/contrib")
              .resolve(r.require("Path") + "/" + file)
              .normalize();
      assertThat(pooled.toString()).startsWith("/srv/tintype/pool/");
      assertThat(Files.isSameFile(pooled, contrib("2026-12-01", file))).isTrue();
      assertThat(Files.readAllBytes(pooled)).isEqualTo(Files.readAllBytes(dir.resolve(file)));
    }
    assertThat(recs.get(2).require("Imports")).isEqualTo("pkgA");
    assertThat(storage.exists("internal-r/2026-12-01/src/contrib/PACKAGES.gz")).isTrue();
    assertThat(storage.exists("internal-r/2026-12-01/src/contrib/PACKAGES.rds")).isTrue();
    assertThat(storage.latest(REPO)).contains(SnapshotDate.parse("2026-12-01"));
    assertVerifies("2026-12-01");
  }

  @Test
  void aTarballAddedToTheDirectoryAppearsInTheNextSnapshotAndTheEarlierOneIsUnchanged()
      throws Exception {
    rig.sync(repo, "2026-12-01");
    byte[] packages = Files.readAllBytes(contrib("2026-12-01", "PACKAGES"));
    byte[] manifest = storage.open("internal-r/2026-12-01/manifest.json").readAllBytes();

    CranPackage.of("pkgC", "3.0").writeTo(dir);
    rig.events.clear();
    rig.sync(repo, "2026-12-02");

    assertThat(packages("2026-12-02"))
        .extracting(r -> r.require("Package"))
        .containsExactly("latin", "pkgA", "pkgB", "pkgC");
    assertThat(rig.events).contains("4 tarballs: 3 already in the pool, 1 copied");
    assertThat(Files.readAllBytes(contrib("2026-12-01", "PACKAGES"))).isEqualTo(packages);
    assertThat(storage.open("internal-r/2026-12-01/manifest.json").readAllBytes())
        .isEqualTo(manifest);
    assertThat(Files.exists(contrib("2026-12-01", "pkgC_3.0.tar.gz"))).isFalse();
    assertThat(storage.latest(REPO)).contains(SnapshotDate.parse("2026-12-02"));
    assertVerifies("2026-12-01");
    assertVerifies("2026-12-02");
  }

  @Test
  void aPurgedTarballStillInTheDirectoryIsLeftOutOfTheNextSnapshotWithAWarning() throws Exception {
    rig.sync(repo, "2026-12-01");
    new dev.tintype.purge.Purger(storage, new dev.tintype.purge.PurgeListener() {})
        .run(
            new dev.tintype.purge.Purger.Request(
                REPO, java.util.Optional.of("pkgB"), List.of(), "malware, test"),
            false,
            false);

    rig.sync(repo, "2026-12-02");

    assertThat(packages("2026-12-02"))
        .extracting(r -> r.require("Package"))
        .containsExactly("latin", "pkgA");
    assertThat(Files.exists(contrib("2026-12-02", "pkgB_0.2-1.tar.gz"))).isFalse();
    assertThat(rig.warnings)
        .anySatisfy(w -> assertThat(w).contains("pkgB_0.2-1.tar.gz").contains("was purged"));
    assertVerifies("2026-12-02");
  }

  @Test
  void tintypeDiffShowsWhatTheDirectoryGainedBetweenTwoDates() throws Exception {
    rig.sync(repo, "2026-12-01");
    CranPackage.of("pkgC", "3.0").writeTo(dir);
    CranPackage.of("pkgA", "1.1.0").writeTo(dir);
    rig.sync(repo, "2026-12-02");

    DiffReport d =
        SnapshotDiff.between(
            storage,
            REPO,
            RepoType.LOCAL_R,
            SnapshotDate.parse("2026-12-01"),
            SnapshotDate.parse("2026-12-02"));

    assertThat(d.packages())
        .extracting(c -> c.kind() + " " + c.name() + " " + c.from() + " " + c.to())
        .containsExactlyInAnyOrder("UPGRADED pkgA 1.0.0 1.1.0", "ADDED pkgC null 3.0");
  }

  @Test
  void aRerunOnAnUnchangedDirectoryCopiesNothingAndWritesTheSameIndexes() throws Exception {
    rig.sync(repo, "2026-12-01");
    rig.events.clear();
    rig.sync(repo, "2026-12-02");

    assertThat(rig.events).contains("3 tarballs: 3 already in the pool, 0 copied");
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      assertThat(Files.readAllBytes(contrib("2026-12-02", f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(contrib("2026-12-01", f)));
    }
  }

  @Test
  void onlyTheNewestVersionIsIndexedAndEveryVersionIsInTheSnapshot() throws Exception {
    CranPackage.of("pkgA", "1.10.0").writeTo(dir);
    CranPackage.of("pkgA", "1.9.0").writeTo(dir);

    rig.sync(repo, "2026-12-01");

    assertThat(packages("2026-12-01"))
        .filteredOn(r -> r.require("Package").equals("pkgA"))
        .extracting(r -> r.require("Version"))
        .containsExactly("1.10.0");
    for (String v : List.of("1.0.0", "1.9.0", "1.10.0")) {
      assertThat(Files.exists(contrib("2026-12-01", "pkgA_" + v + ".tar.gz"))).as(v).isTrue();
    }
    assertVerifies("2026-12-01");
  }

  @Test
  void tarballsInSubdirectoriesAreReadAndHiddenDirectoriesAreNot() throws Exception {
    CranPackage.of("deep", "2.0").writeTo(dir.resolve("team/a"));
    CranPackage.of("secret", "1.0").writeTo(dir.resolve(".trash"));
    Files.writeString(dir.resolve("README"), "not a package");

    rig.sync(repo, "2026-12-01");

    assertThat(packages("2026-12-01"))
        .extracting(r -> r.require("Package"))
        .containsExactly("deep", "latin", "pkgA", "pkgB");
    assertThat(Files.exists(contrib("2026-12-01", "deep_2.0.tar.gz"))).isTrue();
  }

  @Test
  void theSameTarballInTwoSubdirectoriesIsPublishedOnce() throws Exception {
    Files.createDirectories(dir.resolve("copy"));
    Files.copy(dir.resolve("pkgA_1.0.0.tar.gz"), dir.resolve("copy/pkgA_1.0.0.tar.gz"));

    rig.sync(repo, "2026-12-01");

    assertThat(packages("2026-12-01")).hasSize(3);
    assertThat(rig.events)
        .contains("pkgA_1.0.0.tar.gz is the same file as copy/pkgA_1.0.0.tar.gz; published once");
    assertVerifies("2026-12-01");
  }

  @Test
  void twoTarballsOfOneVersionWithDifferentBytesAreRefusedNamingBoth() throws Exception {
    CranPackage.of("pkgA", "1.0.0").field("Title", "Rebuilt").writeTo(dir.resolve("rebuilt"));

    assertThatThrownBy(() -> rig.sync(repo, "2026-12-01"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("nothing is published")
        .hasMessageContaining(
            "rebuilt/pkgA_1.0.0.tar.gz: pkgA 1.0.0 differs from pkgA_1.0.0.tar.gz");
    assertThat(published("2026-12-01")).isFalse();
    assertThat(storage.latest(REPO)).isEmpty();
  }

  @Test
  void aFileThatIsNotGzipIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("notes_1.0.tar.gz"), "just some text");

    assertRefused("notes_1.0.tar.gz: neither gzip nor bzip2");
  }

  @Test
  void aTarballCutShortInTransferIsRefusedNamingIt() throws Exception {
    Path tarball = CranPackage.of("cut", "1.0").writeTo(dir);
    byte[] whole = Files.readAllBytes(tarball);
    Files.write(tarball, Arrays.copyOf(whole, whole.length / 2));

    assertRefused("cut_1.0.tar.gz: not a readable tarball");
  }

  @Test
  void aTarballWithoutDescriptionIsRefusedNamingIt() throws Exception {
    Files.write(
        dir.resolve("empty_1.0.tar.gz"),
        dev.tintype.fixtures.Tarballs.tarGz(Map.of("empty/R/code.R", "f <- 1\n".getBytes())));

    assertRefused("empty_1.0.tar.gz: has no empty/DESCRIPTION; not an R source package");
  }

  @Test
  void aDescriptionWithoutPackageIsRefusedNamingTheFile() throws Exception {
    Files.write(
        dir.resolve("nopkg_1.0.tar.gz"),
        dev.tintype.fixtures.Tarballs.tarGz(
            Map.of("nopkg/DESCRIPTION", "Version: 1.0\nTitle: No name\n".getBytes())));

    assertRefused("nopkg_1.0.tar.gz: its DESCRIPTION has no Package field");
  }

  @Test
  void aDescriptionWithoutVersionIsRefusedNamingTheFile() throws Exception {
    Files.write(
        dir.resolve("nover_1.0.tar.gz"),
        dev.tintype.fixtures.Tarballs.tarGz(
            Map.of("nover/DESCRIPTION", "Package: nover\nTitle: No version\n".getBytes())));

    assertRefused("nover_1.0.tar.gz: its DESCRIPTION has no Version field");
  }

  @Test
  void anInvalidVersionIsRefusedNamingTheFile() throws Exception {
    CranPackage.of("odd", "1.0").descriptionSays("odd", "1.0beta").writeTo(dir);

    assertRefused("odd_1.0.tar.gz: its DESCRIPTION has Version '1.0beta', not a valid R package");
  }

  @Test
  void aFileNameThatDisagreesWithItsDescriptionIsRefused() throws Exception {
    CranPackage.of("pkgD", "1.0").descriptionSays("pkgD", "1.1").writeTo(dir);

    assertRefused(
        "pkgD_1.0.tar.gz: its DESCRIPTION says Package 'pkgD' Version '1.1', so the file should"
            + " be named pkgD_1.1.tar.gz");
  }

  @Test
  void aTarballOfAnotherFormatIsRefused() throws Exception {
    Files.copy(dir.resolve("pkgA_1.0.0.tar.gz"), dir.resolve("pkgA_2.0.tar.bz2"));

    assertRefused("pkgA_2.0.tar.bz2: ");
  }

  @Test
  void everyBadFileIsNamedInOneRefusalAndAnEarlierSnapshotStaysLatest() throws Exception {
    rig.sync(repo, "2026-12-01");
    Files.writeString(dir.resolve("a_1.0.tar.gz"), "x");
    Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("b_1.0.tar.gz"), "y");
    CranPackage.of("pkgA", "1.0.0").field("Title", "Rebuilt").writeTo(dir.resolve("sub"));

    assertThatThrownBy(() -> rig.sync(repo, "2026-12-02"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("3 files are refused")
        .hasMessageContaining(
            "\n  sub/pkgA_1.0.0.tar.gz: pkgA 1.0.0 differs from pkgA_1.0.0.tar.gz")
        .hasMessageContaining("\n  a_1.0.tar.gz: ")
        .hasMessageContaining("\n  sub/b_1.0.tar.gz: ");
    assertThat(published("2026-12-02")).isFalse();
    assertThat(storage.latest(REPO)).contains(SnapshotDate.parse("2026-12-01"));
  }

  @Test
  void anEmptyDirectoryIsRefusedUnlessForced() throws Exception {
    Path empty = Files.createDirectories(fs.getPath("/srv/empty"));
    RepoConfig r = new RepoConfig(REPO, RepoType.LOCAL_R, empty.toUri(), List.of());

    assertThatThrownBy(() -> rig.sync(r, "2026-12-01"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("/srv/empty: no R source tarballs");
    assertThat(published("2026-12-01")).isFalse();

    rig.sync(r, new SyncOptions(SnapshotDate.parse("2026-12-01"), true, false, Optional.empty()));
    assertThat(packages("2026-12-01")).isEmpty();
    assertVerifies("2026-12-01");
  }

  @Test
  void aMissingDirectoryIsRefusedNamingIt() throws Exception {
    RepoConfig r =
        new RepoConfig(REPO, RepoType.LOCAL_R, fs.getPath("/srv/nowhere").toUri(), List.of());

    assertThatThrownBy(() -> rig.sync(r, "2026-12-01"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("/srv/nowhere: no such directory (the path of repository internal-r");
  }

  private void assertRefused(String message) throws Exception {
    assertThatThrownBy(() -> rig.sync(repo, "2026-12-01"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("nothing is published")
        .hasMessageContaining(message);
    assertThat(published("2026-12-01")).isFalse();
    assertThat(storage.exists("internal-r/2026-12-01")).isFalse();
  }

  static String md5(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }
}
