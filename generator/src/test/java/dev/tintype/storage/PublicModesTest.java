package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What FileStorage publishes is 0644 (files) and 0755 (directories), whatever it came from. */
class PublicModesTest {
  private static final RepoName CRAN = new RepoName("cran");
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-20");

  @TempDir Path tmp;

  @Test
  void aStoredFileIsReadableByAllWhenItsSourceWasPrivate() throws IOException {
    FileStorage storage = new FileStorage(tmp.resolve("root"));
    Path moved = privateFile(storage.scratch().resolve("dl-1.part"), "one");
    Path copied = privateFile(tmp.resolve("source"), "two");

    storage.put("pool/aa/bb/one/one.tar.gz", moved, true);
    storage.put("pool/cc/dd/two/two.tar.gz", copied, false);
    storage.put("pool/ee/ff/three/three.tar.gz", "three".getBytes(StandardCharsets.UTF_8));

    assertThat(mode(storage.path("pool/aa/bb/one/one.tar.gz"))).isEqualTo("rw-r--r--");
    assertThat(mode(storage.path("pool/cc/dd/two/two.tar.gz"))).isEqualTo("rw-r--r--");
    assertThat(mode(storage.path("pool/ee/ff/three/three.tar.gz"))).isEqualTo("rw-r--r--");
    assertThat(mode(storage.path("pool/aa/bb/one"))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void aPublishedSnapshotIsReadableByAllAndItsLinksRepairAPrivatePoolFile() throws IOException {
    FileStorage storage = new FileStorage(tmp.resolve("root"));
    // A pool file as an older version stored it.
    Path pooled = privateFile(tmp.resolve("pkg"), "package");
    Files.createDirectories(storage.path("pool/aa/bb/pkg"));
    Files.move(pooled, storage.path("pool/aa/bb/pkg/pkg_1.0.tar.gz"));
    Path index = privateFile(tmp.resolve("PACKAGES"), "Package: pkg\n");
    Path manifest = privateFile(tmp.resolve("manifest"), "{}");

    try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
      tx.write("src/contrib/PACKAGES", index);
      tx.link("src/contrib/pkg_1.0.tar.gz", "pool/aa/bb/pkg/pkg_1.0.tar.gz");
      tx.commit(manifest);
    }

    assertThat(mode(storage.path("cran/2026-11-20"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(storage.path("cran/2026-11-20/src/contrib"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(storage.path("cran/2026-11-20/src/contrib/PACKAGES"))).isEqualTo("rw-r--r--");
    assertThat(mode(storage.path("cran/2026-11-20/manifest.json"))).isEqualTo("rw-r--r--");
    assertThat(mode(storage.path("pool/aa/bb/pkg/pkg_1.0.tar.gz"))).isEqualTo("rw-r--r--");
  }

  @Test
  void consumingADownloadThePoolAlreadyHoldsRepairsThePrivatePoolFile() throws IOException {
    FileStorage storage = new FileStorage(tmp.resolve("root"));
    // A pool file as an older version stored it.
    privateFile(storage.path("pool/aa/bb/pkg/pkg_1.0.tar.gz"), "package");
    Path download = privateFile(storage.scratch().resolve("dl-2.part"), "package");

    assertThat(storage.put("pool/aa/bb/pkg/pkg_1.0.tar.gz", download, true)).isFalse();

    assertThat(mode(storage.path("pool/aa/bb/pkg/pkg_1.0.tar.gz"))).isEqualTo("rw-r--r--");
    assertThat(download).doesNotExist();
  }

  @Test
  void aFilesystemWithoutPosixPermissionsStoresAndPublishesAsBefore() throws IOException {
    try (FileSystem fs =
        Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic").build())) {
      FileStorage storage = new FileStorage(fs.getPath("/srv/tintype"));
      Path src = storage.scratch().resolve("dl");
      Files.writeString(src, "package");
      storage.put("pool/aa/bb/pkg/pkg_1.0.tar.gz", src, true);
      try (SnapshotTransaction tx = storage.begin(CRAN, D1)) {
        tx.write("src/contrib/PACKAGES", "Package: pkg\n".getBytes(StandardCharsets.UTF_8));
        tx.link("src/contrib/pkg_1.0.tar.gz", "pool/aa/bb/pkg/pkg_1.0.tar.gz");
        tx.commit("{}".getBytes(StandardCharsets.UTF_8));
      }
      storage.pointLatest(CRAN, D1);
      assertThat(storage.exists("cran/latest/src/contrib/pkg_1.0.tar.gz")).isTrue();
    }
  }

  private static Path privateFile(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
