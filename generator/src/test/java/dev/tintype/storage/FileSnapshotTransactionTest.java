package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Links are placed on the storage's lanes while the caller goes on. */
class FileSnapshotTransactionTest {
  private static final RepoName PYPI = new RepoName("pypi");
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-20");
  private static final int PROJECTS = 600;

  private FileSystem fs;
  private FileStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    for (int i = 0; i < PROJECTS; i++) {
      storage.put(pool(i), ("page " + i).getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void tearDown() throws IOException {
    storage.close();
    fs.close();
  }

  private static String pool(int i) {
    return "pool/aa/bb/p" + i + "/index.html";
  }

  @Test
  void everyLinkIsInPlaceWhenTheCommitReturns() throws IOException {
    try (SnapshotTransaction tx = storage.begin(PYPI, D1)) {
      tx.write("simple/index.html", "list".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < PROJECTS; i++) {
        tx.link("simple/p" + i + "/index.html", pool(i));
        tx.carry("simple/p" + i + "/index.json", pool(i), "unused");
      }
      tx.commit("{}".getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < PROJECTS; i++) {
      for (String page : new String[] {"index.html", "index.json"}) {
        assertThat(
                Files.isSameFile(
                    storage.path("pypi/2026-11-20/simple/p" + i + "/" + page),
                    storage.path(pool(i))))
            .isTrue();
      }
    }
  }

  @Test
  void aLinkThatFailsFailsTheCommitNamingItsPlaceAndPublishesNothing() throws IOException {
    try (SnapshotTransaction tx = storage.begin(PYPI, D1)) {
      tx.write("simple/p7/index.html", "mine".getBytes(StandardCharsets.UTF_8));
      // From a later call if the lane got to it by then, else from the commit.
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < PROJECTS; i++) {
                  tx.link("simple/p" + i + "/index.html", pool(i));
                }
                tx.commit("{}".getBytes(StandardCharsets.UTF_8));
              })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("two files want the same place 'simple/p7/index.html'");
    }
    assertThat(storage.exists("pypi/2026-11-20")).isFalse();
    assertThat(storage.exists(Layout.staging(PYPI, D1))).isFalse();
  }

  @Test
  void aLinkToAMissingPoolFileFailsTheCommitNamingTheFile() throws IOException {
    try (SnapshotTransaction tx = storage.begin(PYPI, D1)) {
      tx.link("simple/gone/index.html", "pool/aa/bb/gone/index.html");
      assertThatThrownBy(() -> tx.commit("{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("pool/aa/bb/gone/index.html");
    }
    assertThat(storage.exists("pypi/2026-11-20")).isFalse();
  }

  @Test
  void anAbandonedSnapshotLeavesNothingBehindThoughLinksWereStillQueued() throws IOException {
    try (SnapshotTransaction tx = storage.begin(PYPI, D1)) {
      for (int i = 0; i < PROJECTS; i++) {
        tx.link("simple/p" + i + "/index.html", pool(i));
      }
    }
    assertThat(storage.exists(Layout.staging(PYPI, D1))).isFalse();
    assertThat(storage.exists("pypi/2026-11-20")).isFalse();
  }

  @Test
  void aClosedStorageBeginsAgainWithNewLanes() throws IOException {
    storage.close();
    try (SnapshotTransaction tx = storage.begin(PYPI, D1)) {
      tx.link("simple/p1/index.html", pool(1));
      tx.commit("{}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(storage.exists("pypi/2026-11-20/simple/p1/index.html")).isTrue();
  }
}
