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
import dev.tintype.format.cran.CranMeta;
import dev.tintype.format.cran.FileInfo;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Archive of a CRAN snapshot. The upstream's Meta files are written here by {@link
 * JavaCranMeta} so this stays a fast test; the end-to-end tests use ones R wrote.
 */
class CranArchiveSyncTest {
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
            .on("2024-01-10")
            .add(CranPackage.of("pkgA", "0.1.0"))
            .add(CranPackage.of("pkgB", "1.0"))
            .on("2024-02-10")
            .add(CranPackage.of("pkgA", "0.2.0"), true)
            .on("2024-02-20")
            .archive("pkgB");
    write();
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("cran", RepoType.CRAN, server.url());
  }

  private void write() throws IOException {
    upstream.write();
    JavaCranMeta.write(upstreamDir);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private Map<String, List<FileInfo>> archiveRds(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/Meta/archive.rds")) {
      return CranMeta.readArchive(in, "archive.rds");
    }
  }

  private Path file(String date, String relative) {
    return storage.path("cran/" + date + "/" + relative);
  }

  @Test
  void archivedVersionsAndARemovedPackageArePlacedUnderArchiveAndListedInArchiveRds()
      throws IOException {
    rig.sync(repo, "2026-11-20");
    assertThat(
            Files.isRegularFile(file("2026-11-20", "src/contrib/Archive/pkgA/pkgA_0.1.0.tar.gz")))
        .isTrue();
    assertThat(Files.isRegularFile(file("2026-11-20", "src/contrib/Archive/pkgB/pkgB_1.0.tar.gz")))
        .isTrue();
    Map<String, List<FileInfo>> a = archiveRds("2026-11-20");
    assertThat(a.keySet()).containsExactly("pkgA", "pkgB");
    assertThat(a.get("pkgA")).extracting(FileInfo::name).containsExactly("pkgA/pkgA_0.1.0.tar.gz");
    assertThat(a.get("pkgA").get(0).mtime())
        .isEqualTo((double) upstream.publishedAt("pkgA_0.1.0.tar.gz").getEpochSecond());
    List<FileInfo> current;
    try (InputStream in = storage.open("cran/2026-11-20/src/contrib/Meta/current.rds")) {
      current = CranMeta.readCurrent(in, "current.rds");
    }
    assertThat(current).extracting(FileInfo::name).containsExactly("pkgA_0.2.0.tar.gz");
    assertThat(
            Snapshots.manifest(storage, CRAN, SnapshotDate.parse("2026-11-20"))
                .properties()
                .get(CranArchive.FILES))
        .isEqualTo("2");
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-20")).problems())
        .isEmpty();
  }

  @Test
  void aPurgedArchivedFileIsNotPlacedAgainWhenTheArchiveIsCarriedWhole() throws IOException {
    rig.sync(repo, "2026-11-20");
    new dev.tintype.purge.Purger(storage, new dev.tintype.purge.PurgeListener() {})
        .run(
            new dev.tintype.purge.Purger.Request(
                CRAN, java.util.Optional.empty(), List.of("pkgB_1.0.tar.gz"), "malware, test"),
            false,
            false);
    server.resetCounts();

    rig.sync(repo, "2026-11-21");

    assertThat(server.fileDownloads()).isZero();
    assertThat(rig.events).anyMatch(e -> e.contains("1 archived files carried from 2026-11-20"));
    assertThat(Files.exists(file("2026-11-21", "src/contrib/Archive/pkgB/pkgB_1.0.tar.gz")))
        .isFalse();
    assertThat(
            Files.isRegularFile(file("2026-11-21", "src/contrib/Archive/pkgA/pkgA_0.1.0.tar.gz")))
        .isTrue();
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-21")).problems())
        .isEmpty();
  }

  @Test
  void aNightlyWithAnUnchangedArchiveRdsDownloadsNothingAndCarriesTheArchiveWhole()
      throws IOException {
    rig.sync(repo, "2026-11-20");
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    assertThat(server.fileDownloads()).isZero();
    assertThat(rig.events).anyMatch(e -> e.contains("2 archived files carried from 2026-11-20"));
    for (String f :
        List.of("src/contrib/Meta/archive.rds", "src/contrib/Archive/pkgB/pkgB_1.0.tar.gz")) {
      assertThat(Files.isSameFile(file("2026-11-20", f), file("2026-11-21", f))).as(f).isTrue();
    }
    assertThat(new Verifier(storage).verify(CRAN, SnapshotDate.parse("2026-11-21")).problems())
        .isEmpty();
  }

  @Test
  void aVersionArchivedSinceTheLastSnapshotIsNotDownloadedAgain() throws IOException {
    rig.sync(repo, "2026-11-20");
    upstream.on("2026-11-21").add(CranPackage.of("pkgA", "0.3.0"), true);
    write();
    server.resetCounts();
    rig.sync(repo, "2026-11-21");
    assertThat(server.fileDownloads()).isEqualTo(1);
    assertThat(server.requestCount("/src/contrib/pkgA_0.3.0.tar.gz")).isEqualTo(1);
    assertThat(archiveRds("2026-11-21").get("pkgA"))
        .extracting(FileInfo::name)
        .containsExactly("pkgA/pkgA_0.1.0.tar.gz", "pkgA/pkgA_0.2.0.tar.gz");
    assertThat(
            Files.isSameFile(
                file("2026-11-20", "src/contrib/pkgA_0.2.0.tar.gz"),
                file("2026-11-21", "src/contrib/Archive/pkgA/pkgA_0.2.0.tar.gz")))
        .isTrue();
  }

  @Test
  void filesUpstreamDropsFromItsArchiveStayInTheSnapshots() throws IOException {
    rig.sync(repo, "2026-11-20");
    Files.delete(upstreamDir.resolve("src/contrib/Archive/pkgB/pkgB_1.0.tar.gz"));
    JavaCranMeta.write(upstreamDir);
    rig.sync(repo, "2026-11-21");
    assertThat(archiveRds("2026-11-21").keySet()).containsExactly("pkgA", "pkgB");
    assertThat(Files.isRegularFile(file("2026-11-21", "src/contrib/Archive/pkgB/pkgB_1.0.tar.gz")))
        .isTrue();
  }

  @Test
  void anArchiveRdsThatIsNotAnRObjectRefusesTheSnapshotByName() throws IOException {
    Files.writeString(upstreamDir.resolve("src/contrib/Meta/archive.rds"), "<html>oops</html>");
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("src/contrib/Meta/archive.rds: not an R object");
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
    assertThat(server.fileDownloads()).as("refused before any download").isZero();
  }

  @Test
  void anArchivedFileWhoseDescriptionDisagreesRefusesTheSnapshotNamingIt() throws IOException {
    Path bad = upstreamDir.resolve("src/contrib/Archive/pkgA/pkgA_0.1.0.tar.gz");
    CranPackage.of("pkgA", "0.1.0").descriptionSays("pkgA", "0.9.9").writeTo(bad.getParent());
    JavaCranMeta.write(upstreamDir);
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("pkgA 0.1.0 (src/contrib/Archive/pkgA/pkgA_0.1.0.tar.gz)")
        .hasMessageContaining("Version '0.9.9'");
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
  }

  @Test
  void aRowNameThatIsNotATarballOfItsPackageIsRefused() throws IOException {
    JavaCranMeta.writeArchive(
        upstreamDir, Map.of("pkgA", List.of(FileInfo.of("pkgA/../../../etc/passwd", 1, 0.0))));
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("[pkgA] row 'pkgA/../../../etc/passwd': refused");
  }

  @Test
  void withArchiveFalseTheSnapshotHasNoArchive() throws IOException {
    RepoConfig off =
        new RepoConfig(
                CRAN, RepoType.CRAN, URI.create(server.url()), List.of(), List.of(), List.of())
            .withArchive(false);
    rig.sync(off, "2026-11-20");
    assertThat(Files.exists(file("2026-11-20", "src/contrib/Archive"))).isFalse();
    assertThat(Files.exists(file("2026-11-20", "src/contrib/Meta"))).isFalse();
    assertThat(server.requestCount("/src/contrib/Meta/archive.rds")).isZero();
  }
}
