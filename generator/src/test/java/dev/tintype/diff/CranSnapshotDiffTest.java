package dev.tintype.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffs of CRAN snapshots that real syncs of a fake upstream published, on jimfs. */
class CranSnapshotDiffTest {
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
            .add(CranPackage.of("pkgA", "1.0"))
            .add(CranPackage.of("pkgC", "0.3"))
            .add(CranPackage.of("pkgD", "2.0"))
            .add(CranPackage.of("pkgE", "1.0-2"))
            .add(CranPackage.of("zeta", "0.9"))
            .add(CranPackage.of("steady", "5.0"))
            .write();
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("cran", RepoType.CRAN, server.url());
    rig.sync(repo, "2026-11-20");
    upstream
        .add(CranPackage.of("pkgA", "1.1"))
        .add(CranPackage.of("pkgB", "1.0"))
        .remove("pkgC")
        .add(CranPackage.of("pkgD", "1.9"))
        .add(CranPackage.of("pkgE", "1.0-10"))
        .add(CranPackage.of("zeta", "0.9").field("Suggests", "pkgA"))
        .write();
    rig.sync(repo, "2026-11-21");
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private DiffReport diff(String a, String b) throws IOException {
    return SnapshotDiff.between(
        storage, CRAN, RepoType.CRAN, SnapshotDate.parse(a), SnapshotDate.parse(b));
  }

  @Test
  void everyKindOfChangeIsListedInROrderAndAnUnchangedPackageIsNot() throws IOException {
    DiffReport r = diff("2026-11-20", "2026-11-21");

    assertThat(r.packages())
        .containsExactly(
            new PackageChange(
                PackageChange.Kind.ADDED, "pkgB", null, "1.0", List.of("1.0"), List.of()),
            new PackageChange(
                PackageChange.Kind.REMOVED, "pkgC", "0.3", null, List.of(), List.of("0.3")),
            new PackageChange(
                PackageChange.Kind.UPGRADED, "pkgA", "1.0", "1.1", List.of("1.1"), List.of("1.0")),
            // 1.0-10 is newer than 1.0-2 in R's order, though not as text.
            new PackageChange(
                PackageChange.Kind.UPGRADED,
                "pkgE",
                "1.0-2",
                "1.0-10",
                List.of("1.0-10"),
                List.of("1.0-2")),
            new PackageChange(
                PackageChange.Kind.DOWNGRADED,
                "pkgD",
                "2.0",
                "1.9",
                List.of("1.9"),
                List.of("2.0")));
    assertThat(r.files())
        .containsExactly(FileChange.of(FileChange.Kind.REPLACED, "zeta", "0.9", "zeta_0.9.tar.gz"));
    assertThat(r.from()).isEqualTo(SnapshotDate.parse("2026-11-20"));
    assertThat(r.reordered()).isFalse();
  }

  @Test
  void theTextHasOneSortedLinePerChangeAndASummary() throws IOException {
    assertThat(DiffText.lines(diff("2026-11-20", "2026-11-21")))
        .containsExactly(
            "+ pkgB 1.0",
            "- pkgC 0.3",
            "^ pkgA 1.0 -> 1.1",
            "^ pkgE 1.0-2 -> 1.0-10",
            "v pkgD 2.0 -> 1.9",
            "* zeta 0.9 zeta_0.9.tar.gz replaced (same name, different content)",
            "cran 2026-11-20 -> 2026-11-21: 1 added, 1 removed, 2 upgraded, 1 downgraded,"
                + " 0 changed, 1 file changes, 0 yank changes");
  }

  @Test
  void datesGivenNewestFirstAreDiffedFromTheOlderAndSaySo() throws IOException {
    DiffReport forward = diff("2026-11-20", "2026-11-21");
    DiffReport backward = diff("2026-11-21", "2026-11-20");

    assertThat(backward.reordered()).isTrue();
    assertThat(backward.from()).isEqualTo(forward.from());
    assertThat(backward.packages()).isEqualTo(forward.packages());
    assertThat(backward.files()).isEqualTo(forward.files());
  }

  @Test
  void theSameDateTwiceIsAnEmptyDiff() throws IOException {
    DiffReport r = diff("2026-11-21", "2026-11-21");

    assertThat(r.isEmpty()).isTrue();
    assertThat(DiffText.lines(r))
        .containsExactly(
            "cran 2026-11-21 -> 2026-11-21: 0 added, 0 removed, 0 upgraded, 0 downgraded,"
                + " 0 changed, 0 file changes, 0 yank changes");
  }

  @Test
  void anUnpublishedDateNamesTheRepoTheDateAndThePublishedDatesNearIt() throws IOException {
    rig.sync(repo, "2026-11-25");
    rig.sync(repo, "2026-11-26");
    rig.sync(repo, "2026-11-27");

    assertThatThrownBy(() -> diff("2026-11-20", "2026-11-24"))
        .isInstanceOf(UnknownSnapshotException.class)
        .hasMessage(
            "cran has no snapshot 2026-11-24 (never published, or not finished); the nearest"
                + " published: 2026-11-20, 2026-11-21, 2026-11-25, 2026-11-26 (of 5, 2026-11-20"
                + " to 2026-11-27)");
    assertThatThrownBy(() -> diff("2026-12-01", "2026-11-20"))
        .hasMessageContaining("no snapshot 2026-12-01")
        .hasMessageContaining("nearest published: 2026-11-26, 2026-11-27 (of 5");
  }

  @Test
  void aRepositoryWithNoSnapshotSaysSo() {
    assertThatThrownBy(
            () ->
                SnapshotDiff.between(
                    storage,
                    new RepoName("bioc"),
                    RepoType.CRAN,
                    SnapshotDate.parse("2026-11-20"),
                    SnapshotDate.parse("2026-11-21")))
        .isInstanceOf(UnknownSnapshotException.class)
        .hasMessage("bioc has no snapshot 2026-11-20: it has no published snapshot at all");
  }
}
