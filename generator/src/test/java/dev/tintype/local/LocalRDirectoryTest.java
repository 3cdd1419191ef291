package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local-r on a real file system: inodes, mtimes and symbolic links. */
class LocalRDirectoryTest {
  private static final RepoName REPO = new RepoName("internal-r");
  @TempDir Path tmp;
  private Path dir;
  private FileStorage storage;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectories(tmp.resolve("internal"));
    storage = new FileStorage(tmp.resolve("root"));
    rig = new Rig(storage, Map.of(RepoType.LOCAL_R, new LocalRMirror()));
    repo = new RepoConfig(REPO, RepoType.LOCAL_R, dir.toUri(), List.of());
    CranPackage.of("pkgA", "1.0.0").writeTo(dir);
    CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA").writeTo(dir.resolve("team"));
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void theDirectoryIsNeverMovedNorAlteredAndThePoolHoldsCopies() throws Exception {
    Map<Path, Snapshot> before = snapshot(dir);

    rig.sync(repo, "2026-12-01");
    rig.sync(repo, "2026-12-02");

    assertThat(snapshot(dir)).isEqualTo(before);
    Path published = storage.path("internal-r/2026-12-01/src/contrib/pkgA_1.0.0.tar.gz");
    assertThat(Files.isSameFile(published, dir.resolve("pkgA_1.0.0.tar.gz"))).isFalse();
    assertThat(Files.mismatch(published, dir.resolve("pkgA_1.0.0.tar.gz"))).isEqualTo(-1);
    try (Stream<Path> s = Files.list(storage.scratch().resolve("internal-r"))) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }
  }

  @Test
  void anUnchangedTarballIsNotCopiedAgainTheNextDate() throws Exception {
    rig.sync(repo, "2026-12-01");
    Path published = storage.path("internal-r/2026-12-01/src/contrib/pkgA_1.0.0.tar.gz");
    Object inode = Files.getAttribute(published, "unix:ino");
    rig.events.clear();

    rig.sync(repo, "2026-12-02");

    assertThat(rig.events).contains("2 tarballs: 2 already in the pool, 0 copied");
    Path next = storage.path("internal-r/2026-12-02/src/contrib/pkgA_1.0.0.tar.gz");
    assertThat(Files.getAttribute(next, "unix:ino")).isEqualTo(inode);
    assertThat((int) Files.getAttribute(next, "unix:nlink")).isEqualTo(3); // pool + two dates
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      assertThat(
              Files.isSameFile(
                  storage.path("internal-r/2026-12-01/src/contrib/" + f),
                  storage.path("internal-r/2026-12-02/src/contrib/" + f)))
          .as("unchanged %s carried as a hard link", f)
          .isTrue();
    }
  }

  @Test
  void aChangedIndexIsWrittenAfreshAndTheEarlierOneKeepsItsBytes() throws Exception {
    rig.sync(repo, "2026-12-01");
    byte[] before = Files.readAllBytes(storage.path("internal-r/2026-12-01/src/contrib/PACKAGES"));
    CranPackage.of("pkgC", "1.0").writeTo(dir);

    rig.sync(repo, "2026-12-02");

    Path d1 = storage.path("internal-r/2026-12-01/src/contrib/PACKAGES");
    Path d2 = storage.path("internal-r/2026-12-02/src/contrib/PACKAGES");
    assertThat(Files.isSameFile(d1, d2)).isFalse();
    assertThat(Files.readAllBytes(d1)).isEqualTo(before);
    assertThat(Files.readString(d2)).contains("Package: pkgC");
  }

  @Test
  void aTarballRewrittenInPlaceWithItsOldMtimeIsStillSeen() throws Exception {
    Path a = dir.resolve("pkgA_1.0.0.tar.gz");
    rig.sync(repo, "2026-12-01");
    FileTime mtime = Files.getLastModifiedTime(a);
    String md5 = record("2026-12-01", "pkgA").require("MD5sum");

    CranPackage.of("pkgA", "1.0.0").field("Title", "Rebuilt in place").writeTo(dir);
    Files.setLastModifiedTime(a, mtime);
    rig.sync(repo, "2026-12-02");

    assertThat(record("2026-12-02", "pkgA").require("MD5sum"))
        .isNotEqualTo(md5)
        .isEqualTo(LocalRSyncTest.md5(a));
    assertThat(record("2026-12-01", "pkgA").require("MD5sum")).isEqualTo(md5);
  }

  @Test
  void symbolicLinksAreNotFollowedAndAWarningNamesThem() throws Exception {
    Path outside = CranPackage.of("outside", "1.0").writeTo(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(dir.resolve("outside_1.0.tar.gz"), outside);
    Files.createSymbolicLink(dir.resolve("linkeddir"), tmp.resolve("elsewhere"));

    rig.sync(repo, "2026-12-01");

    assertThat(rig.warnings)
        .contains("outside_1.0.tar.gz: a symbolic link; not followed, left out");
    assertThat(record("2026-12-01", "outside")).isNull();
    assertThat(record("2026-12-01", "pkgB")).isNotNull();
  }

  private DcfRecord record(String date, String pkg) throws IOException {
    try (InputStream in = storage.open("internal-r/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES").stream()
          .filter(r -> r.require("Package").equals(pkg))
          .findFirst()
          .orElse(null);
    }
  }

  private record Snapshot(FileTime mtime, Object inode, byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s
          && s.mtime.equals(mtime)
          && s.inode.equals(inode)
          && java.util.Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return mtime.hashCode();
    }
  }

  private static Map<Path, Snapshot> snapshot(Path dir) throws IOException {
    Map<Path, Snapshot> out = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(
            p,
            new Snapshot(
                Files.getLastModifiedTime(p),
                Files.getAttribute(p, "unix:ino"),
                Files.readAllBytes(p)));
      }
    }
    return out;
  }
}
