package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.cran.CranMeta;
import dev.tintype.format.cran.FileInfo;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncOptions;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CranBackfillTest {
  private static final RepoName CRAN = new RepoName("cran");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    new CranUpstream(upstreamDir)
        .on("2024-01-05")
        .add(CranPackage.of("pkgC", "1.0"))
        .on("2024-01-10")
        .add(CranPackage.of("pkgA", "0.1.0"))
        .add(CranPackage.of("pkgB", "1.0"))
        .on("2024-02-10")
        .add(CranPackage.of("pkgA", "0.2.0"), true)
        .on("2024-02-20")
        .archive("pkgB")
        .on("2024-03-10")
        .add(CranPackage.of("pkgA", "0.3.0"), true)
        .write();
    JavaCranMeta.write(upstreamDir);
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

  private void backfill(String date) throws IOException {
    rig.sync(repo, new SyncOptions(SnapshotDate.parse(date), false, true, Optional.empty()));
  }

  private List<String> packages(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES").stream()
          .map(r -> r.require("Package") + " " + r.require("Version"))
          .toList();
    }
  }

  private Map<String, List<FileInfo>> archive(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/Meta/archive.rds")) {
      return CranMeta.readArchive(in, "archive.rds");
    }
  }

  @Test
  void aBackfilledDateHoldsTheNewestVersionOfEachPackagePublishedByThenAndBringsBackLaterArchived()
      throws IOException {
    backfill("2024-02-15");
    assertThat(packages("2024-02-15")).containsExactly("pkgA 0.2.0", "pkgB 1.0", "pkgC 1.0");
    Map<String, List<FileInfo>> a = archive("2024-02-15");
    assertThat(a.keySet()).containsExactly("pkgA");
    assertThat(a.get("pkgA")).extracting(FileInfo::name).containsExactly("pkgA/pkgA_0.1.0.tar.gz");
    List<FileInfo> current;
    try (InputStream in = storage.open("cran/2024-02-15/src/contrib/Meta/current.rds")) {
      current = CranMeta.readCurrent(in, "current.rds");
    }
    assertThat(current)
        .extracting(FileInfo::name)
        .containsExactly("pkgA_0.2.0.tar.gz", "pkgB_1.0.tar.gz", "pkgC_1.0.tar.gz");
    Manifest m = Snapshots.manifest(storage, CRAN, SnapshotDate.parse("2024-02-15"));
    assertThat(m.properties())
        .containsEntry("backfilled", "true")
        .containsEntry("backfill-cutoff", "2024-02-16T00:00:00Z")
        .containsKey("backfilled-on")
        .doesNotContainKey(CranArchive.UPSTREAM_SHA256);
    assertThat(m.properties().get("backfill-note")).contains("binaries");
    // The record brought back is write_PACKAGES's, from the tarball's DESCRIPTION.
    try (InputStream in = storage.open("cran/2024-02-15/src/contrib/PACKAGES")) {
      DcfRecord b = Dcf.read(in, "PACKAGES").get(1);
      assertThat(b.get("MD5sum")).isPresent();
      assertThat(b.require("Path")).startsWith("../../../../pool/");
    }
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2024-02-15")).problems())
        .isEmpty();
  }

  @Test
  void anEarlierDayHoldsOnlyWhatWasPublishedByItsEnd() throws IOException {
    backfill("2024-01-09");
    assertThat(packages("2024-01-09")).containsExactly("pkgC 1.0");
    assertThat(archive("2024-01-09")).isEmpty();
    backfill("2024-01-10");
    assertThat(packages("2024-01-10")).containsExactly("pkgA 0.1.0", "pkgB 1.0", "pkgC 1.0");
  }

  @Test
  void backfillingAnOlderDateNeverMovesLatestBackAndDownloadsNothingThePoolHolds()
      throws IOException {
    rig.sync(repo, "2026-11-20");
    server.resetCounts();
    backfill("2024-02-15");
    assertThat(server.fileDownloads()).isZero();
    assertThat(storage.latest(CRAN)).contains(SnapshotDate.parse("2026-11-20"));
    assertThat(packages("2026-11-20")).containsExactly("pkgA 0.3.0", "pkgC 1.0");
    // The nightly after a backfill does not take the backfilled subset for upstream's archive.
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    assertThat(server.fileDownloads()).isZero();
    assertThat(archive("2026-11-21").keySet()).containsExactly("pkgA", "pkgB");
  }
}
