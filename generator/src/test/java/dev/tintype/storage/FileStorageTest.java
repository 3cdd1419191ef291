package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileStorageTest {
  private static final RepoName CRAN = new RepoName("cran");
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-20");
  private static final SnapshotDate D2 = SnapshotDate.parse("2026-11-21");

  private FileSystem fs;
  private FileStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void putOfIdenticalContentIsSkippedAndDifferentContentIsRefused() throws IOException {
    assertThat(storage.put("pool/a/b/file", bytes("one"))).isTrue();
    assertThat(storage.put("pool/a/b/file", bytes("one"))).isFalse();
    assertThatThrownBy(() -> storage.put("pool/a/b/file", bytes("two")))
        .isInstanceOf(StorageConflictException.class)
        .hasMessageContaining("pool/a/b/file");
    assertThat(Files.readString(storage.path("pool/a/b/file"))).isEqualTo("one");
  }

  @Test
  void sizeAnswersOnlyForARegularFileAndIsEmptyForADirectoryOrAPathThroughAFile()
      throws IOException {
    storage.put("pool/a/b/file", bytes("12345"));
    assertThat(storage.size("pool/a/b/file")).contains(5L);
    assertThat(storage.size("pool/a/b")).isEmpty();
    assertThat(storage.size("pool/a/b/file/below")).isEmpty();
    assertThat(storage.size("pool/a/c/missing")).isEmpty();
  }

  @Test
  void putOfALocalFileMovesItWhenConsumedAndLeavesNoTemporaryNames() throws IOException {
    Path src = storage.scratch().resolve("dl");
    Files.writeString(src, "content");
    storage.put("pool/x/y/z/pkg.tar.gz", src, true);
    assertThat(src).doesNotExist();
    assertThat(storage.list("pool")).containsExactly("pool/x/y/z/pkg.tar.gz");
  }

  @Test
  void aSnapshotIsInvisibleUntilCommitAndThenAppearsWhole() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", bytes("Package: a\n"));
      assertThat(storage.exists("cran/2026-11-20")).isFalse();
      tx.commit(bytes("{}"));
    }
    assertThat(storage.list("cran/2026-11-20"))
        .containsExactly("cran/2026-11-20/manifest.json", "cran/2026-11-20/src/contrib/PACKAGES");
    assertThat(storage.list(".tintype/staging")).isEmpty();
  }

  @Test
  void anAbandonedSnapshotLeavesNothingBehind() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", bytes("x"));
    }
    assertThat(storage.exists("cran/2026-11-20")).isFalse();
    assertThat(storage.list(".tintype/staging")).isEmpty();
  }

  @Test
  void aPublishedSnapshotIsNeverReplaced() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.commit(bytes("first"));
    }
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      assertThatThrownBy(() -> tx.commit(bytes("second"))).hasMessageContaining("never rewritten");
    }
    assertThat(Files.readString(storage.path("cran/2026-11-20/manifest.json"))).isEqualTo("first");
  }

  @Test
  void linksShareThePoolFilesInode() throws IOException {
    storage.put("pool/aa/bb/h/pkg_1.0.tar.gz", bytes("tarball"));
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      assertThat(tx.link("src/contrib/pkg_1.0.tar.gz", "pool/aa/bb/h/pkg_1.0.tar.gz")).isTrue();
      tx.commit(bytes("{}"));
    }
    Path linked = storage.path("cran/2026-11-20/src/contrib/pkg_1.0.tar.gz");
    assertThat(Files.isSameFile(linked, storage.path("pool/aa/bb/h/pkg_1.0.tar.gz"))).isTrue();
  }

  @Test
  void latestFollowsTheNewestPointedSnapshot() throws IOException {
    assertThat(storage.latest(CRAN)).isEmpty();
    Files.createDirectories(storage.path("cran/2026-11-20"));
    Files.createDirectories(storage.path("cran/2026-11-21"));
    storage.pointLatest(CRAN, D1);
    storage.pointLatest(CRAN, D2);
    assertThat(storage.latest(CRAN)).contains(D2);
    assertThat(Files.readSymbolicLink(storage.path("cran/latest")).toString())
        .isEqualTo("2026-11-21");
    assertThat(storage.children("cran")).containsExactly("2026-11-20", "2026-11-21", "latest");
  }

  @Test
  void keysThatClimbOutOfTheRootAreRefused() {
    assertThatThrownBy(() -> storage.exists("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.exists("/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void snapshotPathsWithTraversalAreRefused() throws IOException {
    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      assertThatThrownBy(() -> tx.write("src/../../x", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
