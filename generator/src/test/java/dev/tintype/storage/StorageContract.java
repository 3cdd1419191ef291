package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Storage} promises, whatever it stores on: each backend runs this whole suite
 * (jimfs, a temp directory, S3Proxy).
 */
abstract class StorageContract {
  static final RepoName CRAN = new RepoName("cran");
  static final SnapshotDate D1 = SnapshotDate.parse("2026-11-20");
  static final SnapshotDate D2 = SnapshotDate.parse("2026-11-21");

  @TempDir Path tmp;
  Storage storage;

  /** A new, empty storage for one test. */
  abstract Storage create() throws IOException;

  @BeforeEach
  void openStorage() throws IOException {
    storage = create();
  }

  @AfterEach
  void closeStorage() throws IOException {
    storage.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  String read(String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Publishes a snapshot with the given own files and a real manifest listing them. */
  void publish(SnapshotDate date, Map<String, String> files) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    try (SnapshotTransaction tx = storage.begin(CRAN, date)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] b = bytes(f.getValue());
        tx.write(f.getKey(), b);
        entries.add(new FileEntry(f.getKey(), b.length, sha256(b), null));
      }
      tx.commit(manifest(date, entries));
    }
  }

  static byte[] manifest(SnapshotDate date, List<FileEntry> files) {
    return ManifestJson.write(
        new Manifest(
            Manifest.FORMAT,
            "cran",
            "cran",
            date.toString(),
            files.size(),
            Map.of(),
            files,
            List.of(),
            List.of()));
  }

  static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tasksRunInParallelGiveTheirResultsInOrderAndTheirFirstFailure() throws IOException {
    List<java.util.concurrent.Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String key = "cran/2026-01-" + (10 + i % 20) + "/f" + i;
      storage.put(key, key.getBytes(StandardCharsets.UTF_8));
      tasks.add(() -> storage.exists(key) ? key : null);
    }
    List<String> got = storage.inParallel(tasks);
    assertThat(got).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(got.get(i)).isEqualTo("cran/2026-01-" + (10 + i % 20) + "/f" + i);
    }

    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Callable<String>> failing = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      failing.add(
          () -> {
            ran.incrementAndGet();
            if (n == 3) {
              throw new NoSuchFileException("task 3");
            }
            return "ok";
          });
    }
    assertThatThrownBy(() -> storage.inParallel(failing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("task 3");
    assertThat(ran).hasValueGreaterThanOrEqualTo(4);
  }

  @Test
  void replaceOverwritesTheRootPageWhichPutWouldRefuse() throws IOException {
    storage.replace("index.html", bytes("first"));
    storage.replace("index.html", bytes("second"));
    assertThat(read("index.html")).isEqualTo("second");
  }

  @Test
  void putOfIdenticalContentIsSkippedAndDifferentContentIsRefused() throws IOException {
    assertThat(storage.put("pool/aa/bb/h/file", bytes("one"))).isTrue();
    assertThat(storage.put("pool/aa/bb/h/file", bytes("one"))).isFalse();
    assertThatThrownBy(() -> storage.put("pool/aa/bb/h/file", bytes("two")))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining("pool/aa/bb/h/file");
    assertThatThrownBy(() -> storage.put("pool/aa/bb/h/file", bytes("uno")))
        .isInstanceOf(StorageConflictException.class);
    assertThat(read("pool/aa/bb/h/file")).isEqualTo("one");
  }

  @Test
  void putOfALocalFileStoresItsBytesAndConsumesItOnlyWhenAsked() throws IOException {
    Path kept = Files.writeString(storage.scratch().resolve("kept"), "kept content");
    Path moved = Files.writeString(storage.scratch().resolve("moved"), "moved content");
    assertThat(storage.put("pool/x/y/k/kept.tar.gz", kept, false)).isTrue();
    assertThat(storage.put("pool/x/y/m/moved.tar.gz", moved, true)).isTrue();
    assertThat(kept).exists();
    assertThat(moved).doesNotExist();
    assertThat(read("pool/x/y/k/kept.tar.gz")).isEqualTo("kept content");
    assertThat(read("pool/x/y/m/moved.tar.gz")).isEqualTo("moved content");
    assertThat(storage.put("pool/x/y/k/kept.tar.gz", kept, true)).isFalse();
    assertThat(kept).doesNotExist();
  }

  @Test
  void consumingPutOfOtherBytesOverAStoredObjectIsRefusedAndKeepsTheStoredOne() throws IOException {
    storage.put("pool/x/y/c/c.tar.gz", bytes("first"));
    Path other = Files.writeString(storage.scratch().resolve("other"), "other");
    assertThatThrownBy(() -> storage.put("pool/x/y/c/c.tar.gz", other, true))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining("pool/x/y/c/c.tar.gz");
    assertThat(read("pool/x/y/c/c.tar.gz")).isEqualTo("first");
  }

  @Test
  void existsAndSizeDescribeStoredObjectsAndOpenOfAMissingOneNamesIt() throws IOException {
    storage.put("pool/aa/bb/c/f.whl", bytes("12345"));
    assertThat(storage.exists("pool/aa/bb/c/f.whl")).isTrue();
    assertThat(storage.size("pool/aa/bb/c/f.whl")).contains(5L);
    assertThat(storage.exists("pool/aa/bb/c/g.whl")).isFalse();
    assertThat(storage.size("pool/aa/bb/c/g.whl")).isEmpty();
    assertThat(storage.exists("cran/2026-11-20/manifest.json")).isFalse();
    assertThatThrownBy(() -> storage.open("cran/2026-11-20/manifest.json"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("cran/2026-11-20/manifest.json");
  }

  @Test
  void listGivesEveryKeyBelowAPrefixSortedAndChildrenTheNamesDirectlyBelow() throws IOException {
    storage.put("pool/b/2/x", bytes("x"));
    storage.put("pool/a/1/y", bytes("y"));
    storage.put("pool/a/1/z", bytes("z"));
    storage.put("poolside/a", bytes("not in the pool"));
    assertThat(storage.list("pool")).containsExactly("pool/a/1/y", "pool/a/1/z", "pool/b/2/x");
    assertThat(storage.list("pool/a")).containsExactly("pool/a/1/y", "pool/a/1/z");
    assertThat(storage.list("nothing")).isEmpty();
    assertThat(storage.children("pool")).containsExactly("a", "b");
    assertThat(storage.children("pool/a/1")).containsExactly("y", "z");
    assertThat(storage.children("")).contains("pool", "poolside");
    assertThat(storage.children("nothing")).isEmpty();
  }

  @Test
  void listingWalksTheSameKeysAsListInTheSameOrderWhereADirectorySortsAmongFiles()
      throws IOException {
    // A directory's keys sort as its name plus "/": after "b-x" ('-' < '/'), before "b0".
    for (String k :
        List.of("pool/b0", "pool/b/y/2", "pool/b-x", "pool/b/y/1", "pool/a", "pool/c/d")) {
      storage.put(k, bytes(k));
    }
    storage.put("poolside/a", bytes("not in the pool"));
    List<String> walked = new java.util.ArrayList<>();
    storage.listing("pool").forEachRemaining(walked::add);
    assertThat(walked)
        .containsExactly("pool/a", "pool/b-x", "pool/b/y/1", "pool/b/y/2", "pool/b0", "pool/c/d")
        .isEqualTo(storage.list("pool"));
    assertThat(storage.listing("nothing").hasNext()).isFalse();
  }

  @Test
  void deleteRemovesAnObjectAndIgnoresAMissingOne() throws IOException {
    storage.put("pool/a/b/c/f", bytes("f"));
    storage.delete("pool/a/b/c/f");
    storage.delete("pool/a/b/c/never");
    assertThat(storage.exists("pool/a/b/c/f")).isFalse();
    assertThat(storage.put("pool/a/b/c/f", bytes("new"))).isTrue();
  }

  @Test
  void deleteSnapshotUnpublishesItAndLeavesNoFileNorAnythingAbandoned() throws IOException {
    publish(D1, Map.of("src/contrib/PACKAGES", "a", "index.html", "i"));
    publish(D2, Map.of("src/contrib/PACKAGES", "b"));

    storage.deleteSnapshot(CRAN, D1);

    assertThat(Snapshots.published(storage, CRAN)).containsExactly(D2);
    assertThat(storage.list("cran/2026-11-20")).isEmpty();
    assertThat(storage.list(".tintype/trash")).isEmpty();
    assertThat(storage.abandoned(CRAN)).isEmpty();
    assertThat(new Verifier(storage).verify(CRAN, D2).ok()).isTrue();
    storage.deleteSnapshot(CRAN, D1); // already gone: nothing to do
  }

  @Test
  void aCrashedRunsRemainsAreAbandonedUntilDeletedAndPublishedSnapshotsNeverAre()
      throws IOException {
    publish(D1, Map.of("src/contrib/PACKAGES", "a"));
    SnapshotTransaction crashed = storage.begin(CRAN, D2);
    // From files: on S3 those uploads are done when write returns, as a crash would find them.
    Path file = Files.writeString(tmp.resolve("PACKAGES"), "never published");
    crashed.write("src/contrib/PACKAGES", file);
    crashed.write("index.html", file);

    List<String> abandoned = storage.abandoned(CRAN);
    assertThat(abandoned).hasSize(1);
    assertThat(abandoned.get(0)).endsWith("cran/2026-11-21");
    assertThat(storage.abandoned(new RepoName("pypi"))).isEmpty();
    assertThatThrownBy(() -> storage.deleteAbandoned("cran/2026-11-20"))
        .isInstanceOfAny(IllegalArgumentException.class, IOException.class);
    assertThatThrownBy(() -> storage.deleteAbandoned("pool/ab"))
        .isInstanceOfAny(IllegalArgumentException.class, IOException.class);

    storage.deleteAbandoned(abandoned.get(0));

    assertThat(storage.abandoned(CRAN)).isEmpty();
    assertThat(storage.list("cran/2026-11-21")).isEmpty();
    assertThat(storage.list(".tintype/staging")).isEmpty();
    assertThat(Snapshots.published(storage, CRAN)).containsExactly(D1);
    assertThat(new Verifier(storage).verify(CRAN, D1).ok()).isTrue();
  }

  @Test
  void emptyPoolDirectoriesGoOnceTheirFilesAreDeleted() throws IOException {
    storage.put("pool/aa/bb/cc/f", bytes("f"));
    storage.put("pool/aa/dd/ee/g", bytes("g"));
    storage.put("pool/aa/dd/ff/h", bytes("h"));
    storage.delete("pool/aa/bb/cc/f");
    storage.delete("pool/aa/dd/ff/h");

    storage.removeEmptyParents("pool/aa/bb/cc/f", "pool");
    storage.removeEmptyParents("pool/aa/dd/ff/h", "pool");

    assertThat(storage.children("pool/aa")).containsExactly("dd");
    assertThat(storage.children("pool/aa/dd")).containsExactly("ee");
    assertThat(storage.children("")).contains("pool");
    assertThat(storage.list("pool")).containsExactly("pool/aa/dd/ee/g");
  }

  @Test
  void aSnapshotIsUnpublishedUntilCommitAndThenAppearsWhole() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", bytes("Package: a\n"));
      tx.write("src/contrib/PACKAGES.gz", bytes("gz"));
      assertThat(Snapshots.published(storage, CRAN)).isEmpty();
      assertThat(storage.exists("cran/2026-11-20/manifest.json")).isFalse();
      tx.commit(manifest(D1, List.of()));
    }
    assertThat(Snapshots.published(storage, CRAN)).containsExactly(D1);
    assertThat(storage.list("cran/2026-11-20"))
        .containsExactly(
            "cran/2026-11-20/manifest.json",
            "cran/2026-11-20/src/contrib/PACKAGES",
            "cran/2026-11-20/src/contrib/PACKAGES.gz");
    assertThat(read("cran/2026-11-20/src/contrib/PACKAGES")).isEqualTo("Package: a\n");
  }

  @Test
  void anAbandonedSnapshotLeavesNothingBehind() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", bytes("x"));
    }
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
    assertThat(storage.list("cran/2026-11-20")).isEmpty();
    assertThat(storage.list(".tintype/staging")).isEmpty();
  }

  @Test
  void aRunAfterACrashPublishesOnlyItsOwnFiles() throws IOException {
    SnapshotTransaction crashed = storage.begin(CRAN, D1);
    crashed.write("simple/gone/index.html", bytes("from the crashed run"));
    crashed.write("simple/index.html", bytes("old list"));
    if (crashed instanceof S3SnapshotTransaction) {
      ((S3SnapshotTransaction) crashed).awaitAll(); // a dead process has no uploads in flight
    }
    // The process dies here: no commit, no close.
    publish(D1, Map.of("simple/index.html", "new list", "simple/kept/index.html", "kept"));
    assertThat(storage.list("cran/2026-11-20"))
        .containsExactly(
            "cran/2026-11-20/manifest.json",
            "cran/2026-11-20/simple/index.html",
            "cran/2026-11-20/simple/kept/index.html");
    assertThat(read("cran/2026-11-20/simple/index.html")).isEqualTo("new list");
    assertThat(new Verifier(storage).verify(CRAN, D1).problems()).isEmpty();
  }

  @Test
  void aPublishedSnapshotIsNeverReplaced() throws IOException {
    publish(D1, Map.of("src/contrib/PACKAGES", "first"));
    byte[] manifest = storage.open("cran/2026-11-20/manifest.json").readAllBytes();
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      try {
        tx.write("src/contrib/PACKAGES", bytes("second"));
      } catch (IOException refusedEarly) {
        assertThat(refusedEarly).hasMessageContaining("never rewritten");
      }
      assertThatThrownBy(() -> tx.commit(bytes("{}"))).hasMessageContaining("never rewritten");
    }
    assertThat(read("cran/2026-11-20/src/contrib/PACKAGES")).isEqualTo("first");
    assertThat(storage.open("cran/2026-11-20/manifest.json").readAllBytes()).isEqualTo(manifest);
  }

  @Test
  void aManifestCommittedFromAFileIsPublishedByteForByte() throws IOException {
    byte[] manifest = manifest(D1, List.of());
    Path file = Files.write(storage.scratch().resolve("manifest-to-commit"), manifest);
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", bytes("x"));
      tx.commit(file);
    }
    assertThat(Snapshots.published(storage, CRAN)).containsExactly(D1);
    assertThat(storage.open("cran/2026-11-20/manifest.json").readAllBytes()).isEqualTo(manifest);

    Path again = Files.write(storage.scratch().resolve("manifest-again"), bytes("{}"));
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      assertThatThrownBy(() -> tx.commit(again)).hasMessageContaining("never rewritten");
    }
    assertThat(storage.open("cran/2026-11-20/manifest.json").readAllBytes()).isEqualTo(manifest);
  }

  @Test
  void aCarriedFileHoldsTheEarlierSnapshotsBytesAndOutlivesNothing() throws IOException {
    publish(D1, Map.of("simple/a/index.html", "page a"));
    String sha = sha256(bytes("page a"));
    try (SnapshotTransaction tx = storage.begin(CRAN, D2)) {
      tx.carry("simple/a/index.html", "cran/2026-11-20/simple/a/index.html", sha);
      tx.commit(manifest(D2, List.of(new FileEntry("simple/a/index.html", 6, sha, null))));
    }
    assertThat(read("cran/2026-11-21/simple/a/index.html")).isEqualTo("page a");
    assertThat(read("cran/2026-11-20/simple/a/index.html")).isEqualTo("page a");

    try (SnapshotTransaction abandoned = storage.begin(CRAN, SnapshotDate.parse("2026-11-22"))) {
      abandoned.carry("simple/a/index.html", "cran/2026-11-21/simple/a/index.html", sha);
    }
    assertThat(storage.list("cran/2026-11-22")).isEmpty();
    assertThat(read("cran/2026-11-21/simple/a/index.html")).isEqualTo("page a");
  }

  @Test
  void latestServesTheNewestPointedSnapshotAndOnlyItsFiles() throws IOException {
    assertThat(storage.latest(CRAN)).isEmpty();
    publish(D1, Map.of("src/contrib/PACKAGES", "one", "simple/old/index.html", "old"));
    publish(D2, Map.of("src/contrib/PACKAGES", "two", "simple/new/index.html", "new"));
    storage.pointLatest(CRAN, D1);
    assertThat(storage.latest(CRAN)).contains(D1);
    assertThat(read("cran/latest/src/contrib/PACKAGES")).isEqualTo("one");
    storage.pointLatest(CRAN, D2);
    assertThat(storage.latest(CRAN)).contains(D2);
    assertThat(read("cran/latest/src/contrib/PACKAGES")).isEqualTo("two");
    assertThat(read("cran/latest/simple/new/index.html")).isEqualTo("new");
    assertThat(storage.exists("cran/latest/simple/old/index.html")).isFalse();
    assertThat(Snapshots.manifest(storage, CRAN, D2).date()).isEqualTo("2026-11-21");
    assertThat(storage.children("cran")).containsExactly("2026-11-20", "2026-11-21", "latest");
    assertThat(Snapshots.published(storage, CRAN)).containsExactly(D1, D2);
  }

  @Test
  void aSecondLockIsRefusedNamingTheHolderUntilTheFirstIsReleased() throws IOException {
    try (StorageLock held = storage.lock(CRAN, "pid 4242 since 2026-11-20T03:00:00Z", false)) {
      assertThatThrownBy(() -> storage.lock(CRAN, "pid 7", false))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("cran")
          .hasMessageContaining("pid 4242 since 2026-11-20T03:00:00Z");
    }
    storage.lock(CRAN, "pid 7", false).close();
  }

  @Test
  void aRefusedLockNamesTheHoldersHostPidAndStart() throws IOException {
    LockHolder me = LockHolder.current("sync");
    try (StorageLock held = storage.lock(CRAN, "sync", false)) {
      assertThatThrownBy(() -> storage.lock(CRAN, "import", false))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("sync, pid " + me.pid() + " on host " + me.host() + " since ");
    }
  }

  @Test
  void aReleasedLockCanBeTakenAgainAndLocksArePerRepository() throws IOException {
    storage.lock(CRAN, "first", false).close();
    try (StorageLock a = storage.lock(CRAN, "second", false);
        StorageLock b = storage.lock(new RepoName("pypi"), "other repo", false)) {
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
    }
  }

  @Test
  void keysThatClimbOutOfTheRootAreRefused() {
    assertThatThrownBy(() -> storage.exists("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.exists("/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.put("pool/../../x", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void snapshotPathsWithTraversalAreRefused() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      assertThatThrownBy(() -> tx.write("src/../../x", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void scratchIsAWritableLocalDirectory() throws IOException {
    Path s = storage.scratch();
    assertThat(s).isDirectory();
    Files.writeString(s.resolve("probe"), "x");
    assertThat(s.resolve("probe")).hasContent("x");
  }

  @Test
  void cranSyncsPublishVerifyAndMoveLatest() throws IOException {
    Path up = tmp.resolve("cran-upstream");
    CranUpstream upstream =
        new CranUpstream(up)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
            .write();
    try (FakeUpstream server = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      RepoConfig repo = Rig.repo("cran", RepoType.CRAN, server.url());
      rig.sync(repo, "2026-11-20");
      upstream.add(CranPackage.of("pkgA", "1.1.0")).write();
      server.resetCounts();
      rig.sync(repo, "2026-11-21");
      assertThat(server.fileDownloads()).isEqualTo(1);
      assertThat(rig.sync(repo, "2026-11-21").get(0).note()).isEqualTo("already published");
    }
    Verifier v = new Verifier(storage);
    assertThat(v.verify(CRAN, D1).problems()).isEmpty();
    assertThat(v.verify(CRAN, D2).problems()).isEmpty();
    assertThat(storage.latest(CRAN)).contains(D2);
    assertThat(read("cran/latest/src/contrib/PACKAGES")).contains("Version: 1.1.0");
    assertThat(Snapshots.manifest(storage, CRAN, D2).pool()).hasSize(2);
  }

  @Test
  void pypiSyncsPublishPagesThatPointIntoThePool() throws IOException {
    Path up = tmp.resolve("pypi-upstream");
    PypiUpstream.demo(up);
    try (FakeUpstream server = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      RepoConfig repo =
          Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "tiny_dep", "other-thing");
      rig.sync(repo, "2026-11-27");
      rig.sync(repo, "2026-11-28");
    }
    RepoName pypi = new RepoName("pypi");
    assertThat(read("pypi/2026-11-28/simple/demo-pkg/index.html"))
        .contains("href=\"../../../../pool/");
    assertThat(read("pypi/latest/simple/demo-pkg/index.json")).contains("\"versions\"");
    assertThat(new Verifier(storage).verify(pypi, SnapshotDate.parse("2026-11-28")).problems())
        .isEmpty();
    assertThat(storage.latest(pypi)).isEqualTo(Optional.of(SnapshotDate.parse("2026-11-28")));
  }
}
