package dev.tintype.local;

import static dev.tintype.local.LocalPythonRun.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fixtures.LocalPythonDir;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files in a local Python directory: named, and nothing published. */
class LocalPythonBadInputTest {
  private static final Instant T = Instant.parse("2026-01-10T12:00:00Z");
  private static final String METADATA = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n";

  @TempDir Path tmp;
  private FileSystem fs;
  private FileStorage storage;
  private LocalPythonDir dir;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    dir = new LocalPythonDir(tmp.resolve("python"));
    dir.add(PypiFile.wheel("our-tool", "1.0").uploaded(T));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private void assertRefusedNaming(String... parts) throws IOException {
    try (LocalPythonRun run = new LocalPythonRun(storage, dir.dir())) {
      var refused = assertThatThrownBy(() -> run.sync("2026-12-01"));
      refused.isInstanceOf(BadUpstreamException.class);
      for (String p : parts) {
        refused.hasMessageContaining(p);
      }
    }
    assertThat(storage.exists(Layout.manifest(REPO, SnapshotDate.parse("2026-12-01"))))
        .as("nothing published")
        .isFalse();
    assertThat(storage.latest(REPO)).isEmpty();
  }

  @Test
  void aWheelNameWithTooFewPartsIsRefusedNamingIt() throws IOException {
    dir.write("our_tool-1.1.whl", new byte[] {1}, T);
    assertRefusedNaming("'our_tool-1.1.whl' is not a valid package file name", "PEP 427");
  }

  @Test
  void anSdistNameWithoutAVersionIsRefusedNamingIt() throws IOException {
    dir.write("our_tool.tar.gz", new byte[] {1}, T);
    assertRefusedNaming("'our_tool.tar.gz' is not a valid package file name");
  }

  @Test
  void aWheelThatIsNotAZipIsRefusedNamingIt() throws IOException {
    dir.write("our_tool-1.1-py3-none-any.whl", "not a zip".getBytes(StandardCharsets.UTF_8), T);
    assertRefusedNaming("our_tool-1.1-py3-none-any.whl", "zip");
  }

  @Test
  void aWheelCutShortInTransferIsRefusedNamingIt() throws IOException {
    byte[] whole = LocalPythonDir.bytes(PypiFile.wheel("our-tool", "1.1"));
    dir.write("our_tool-1.1-py3-none-any.whl", Arrays.copyOf(whole, whole.length / 2), T);
    assertRefusedNaming(
        "our_tool-1.1-py3-none-any.whl: expected a wheel (a zip archive), but it cannot be read");
  }

  @Test
  void aWheelWithoutMetadataIsRefusedNamingIt() throws IOException {
    dir.wheel("our_tool-1.1-py3-none-any.whl", "our_tool-1.1", null);
    assertRefusedNaming("our_tool-1.1-py3-none-any.whl", "METADATA", "found none");
  }

  @Test
  void aWheelWhoseMetadataNamesAnotherProjectIsRefusedNamingBoth() throws IOException {
    dir.wheel(
        "our_tool-1.1-py3-none-any.whl", "other-1.1", METADATA.formatted("other-thing", "1.1"));
    assertRefusedNaming("our_tool-1.1-py3-none-any.whl", "'our-tool'", "Name: other-thing");
  }

  @Test
  void aWheelWhoseMetadataGivesAnotherVersionIsRefused() throws IOException {
    dir.wheel("our_tool-1.1-py3-none-any.whl", "our_tool-1.1", METADATA.formatted("our-tool", "2"));
    assertRefusedNaming("our_tool-1.1-py3-none-any.whl", "version 1.1", "Version: 2");
  }

  @Test
  void anSdistThatIsNotAnArchiveIsRefusedNamingIt() throws IOException {
    dir.write("our_tool-1.1.tar.gz", "plain text".getBytes(StandardCharsets.UTF_8), T);
    assertRefusedNaming("our_tool-1.1.tar.gz", "gzipped tar");
  }

  @Test
  void everyBadFileIsNamedInOneRefusal() throws IOException {
    dir.write("our_tool-1.1.whl", new byte[] {1}, T);
    dir.write("our_tool-1.2-py3-none-any.whl", new byte[] {1}, T);
    assertRefusedNaming("2 file(s) cannot be published", "our_tool-1.1.whl", "our_tool-1.2-py3");
  }

  @Test
  void filesThatAreNotPackagesAreLeftOutWithAWarning() throws IOException {
    dir.write("README.txt", "internal wheels".getBytes(StandardCharsets.UTF_8), T);
    dir.write("our_tool-1.0-py3-none-any.whl.asc", new byte[] {1}, T);
    dir.write(".hidden.whl", new byte[] {1}, T);
    Files.createDirectories(dir.dir().resolve("old"));
    try (LocalPythonRun run = new LocalPythonRun(storage, dir.dir())) {
      assertThat(run.sync("2026-12-01").packages()).isEqualTo(1);
      assertThat(run.warnings)
          .singleElement()
          .asString()
          .contains("left out 3 entries")
          .contains("README.txt")
          .contains("old/")
          .contains("our_tool-1.0-py3-none-any.whl.asc")
          .doesNotContain(".hidden");
    }
  }

  @Test
  void anEmptyDirectoryIsRefusedOnAFirstSyncUnlessForced() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    try (LocalPythonRun run = new LocalPythonRun(storage, empty)) {
      assertThatThrownBy(() -> run.sync("2026-12-01"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("holds no wheels or sdists")
          .hasMessageContaining("--force");
      assertThat(run.sync("2026-12-01", true).packages()).isZero();
    }
  }

  @Test
  void aPathThatIsNotADirectoryIsRefusedNamingIt() throws IOException {
    try (LocalPythonRun run = new LocalPythonRun(storage, tmp.resolve("nowhere"))) {
      assertThatThrownBy(() -> run.sync("2026-12-01"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("nowhere")
          .hasMessageContaining("not a directory");
    }
  }

  @Test
  void aBadFileAddedLaterLeavesTheEarlierSnapshotServed() throws IOException {
    try (LocalPythonRun run = new LocalPythonRun(storage, dir.dir())) {
      run.sync("2026-12-01");
      dir.write("our_tool-1.1-py3-none-any.whl", new byte[] {1}, T);
      assertThatThrownBy(() -> run.sync("2026-12-02")).isInstanceOf(BadUpstreamException.class);
    }
    assertThat(storage.latest(REPO)).contains(SnapshotDate.parse("2026-12-01"));
    assertThat(storage.exists(Layout.manifest(REPO, SnapshotDate.parse("2026-12-02")))).isFalse();
  }
}
