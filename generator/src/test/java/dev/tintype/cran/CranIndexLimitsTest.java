package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fetch.Limits;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfException;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PACKAGES.gz is read as it streams in, within limits, whatever upstream serves. */
class CranIndexLimitsTest {
  private static final RepoName CRAN = new RepoName("cran");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;
  private Path gz;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    new CranUpstream(upstreamDir)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
        .write();
    gz = upstreamDir.resolve("src/contrib/PACKAGES.gz");
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

  @Test
  void aGzipBombWithoutLineEndsStopsAtOneRecordsLimitNamingTheIndex() throws IOException {
    writeGzip(gz, (byte) 0, 3L * Dcf.MAX_RECORD_BYTES);
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining(server.url() + "/src/contrib/PACKAGES.gz record 1")
        .hasMessageContaining("larger than " + Dcf.MAX_RECORD_BYTES + " bytes")
        .hasCauseInstanceOf(DcfException.class);
    assertThat(server.requestCount("/src/contrib/PACKAGES.gz")).isEqualTo(1);
    assertNothingPublished();
  }

  @Test
  void anIndexThatDecompressesPastTheLimitIsRefusedNamingTheKey() throws IOException {
    rig.limits(new Limits(Limits.DEFAULT_MAX_PAGE_BYTES, 1 << 20));
    writeGzip(gz, (byte) '\n', 3 << 20);
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(TooLargeException.class)
        .hasMessageContaining(server.url() + "/src/contrib/PACKAGES.gz (decompressed)")
        .hasMessageContaining("limit of 1048576 bytes")
        .hasMessageContaining("limits.max-index-size");
    assertThat(server.requestCount("/src/contrib/PACKAGES.gz")).isEqualTo(1);
    assertNothingPublished();
  }

  @Test
  void anIndexOfExactlyTheLimitIsRead() throws IOException {
    byte[] text = Files.readAllBytes(upstreamDir.resolve("src/contrib/PACKAGES"));
    rig.limits(new Limits(Limits.DEFAULT_MAX_PAGE_BYTES, text.length));
    rig.sync(repo, "2026-11-20");
    assertThat(Snapshots.published(storage, CRAN))
        .containsExactly(SnapshotDate.parse("2026-11-20"));
  }

  @Test
  void aCompressedIndexLargerThanThePageLimitIsRefusedNamingTheKey() throws IOException {
    rig.limits(new Limits(64, Limits.DEFAULT_MAX_INDEX_BYTES));
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(TooLargeException.class)
        .hasMessageContaining("/src/contrib/PACKAGES.gz")
        .hasMessageContaining("limits.max-page-size");
    assertNothingPublished();
  }

  @Test
  void aPackagesGzThatIsNotGzipIsRefusedOnceNotRetried() throws IOException {
    Files.writeString(gz, "<html>mirror maintenance</html>\n");
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("/src/contrib/PACKAGES.gz: not a readable gzip file");
    assertThat(server.requestCount("/src/contrib/PACKAGES.gz")).isEqualTo(1);
    assertNothingPublished();
  }

  @Test
  void aMalformedIndexIsRefusedOnceNamingTheLine() throws IOException {
    gzip(gz, "Package: pkgA\nVersion: 1.0.0\n\n  orphan continuation\n");
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining("/src/contrib/PACKAGES.gz line 4");
    assertThat(server.requestCount("/src/contrib/PACKAGES.gz")).isEqualTo(1);
    assertNothingPublished();
  }

  @Test
  void aConnectionDroppedMidIndexIsRetried() throws IOException {
    server.disconnectNext("/src/contrib/PACKAGES.gz", 1);
    rig.sync(repo, "2026-11-20");
    assertThat(server.requestCount("/src/contrib/PACKAGES.gz")).isEqualTo(2);
    assertThat(Snapshots.published(storage, CRAN)).hasSize(1);
  }

  @Test
  void aPackagesGzOfConcatenatedMembersIsReadWhole() throws IOException {
    String text = Files.readString(upstreamDir.resolve("src/contrib/PACKAGES"));
    int split = text.indexOf("\n\n") + 2;
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(gzipped(text.substring(0, split)));
    both.writeBytes(gzipped(text.substring(split)));
    Files.write(gz, both.toByteArray());
    rig.sync(repo, "2026-11-20");
    assertThat(Snapshots.manifest(storage, CRAN, SnapshotDate.parse("2026-11-20")).packages())
        .isEqualTo(2);
  }

  private void assertNothingPublished() throws IOException {
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
    assertThat(storage.exists("cran/latest")).isFalse();
  }

  private static void writeGzip(Path file, byte fill, long size) throws IOException {
    byte[] chunk = new byte[1 << 16];
    java.util.Arrays.fill(chunk, fill);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  private static void gzip(Path file, String text) throws IOException {
    Files.write(file, gzipped(text));
  }

  private static byte[] gzipped(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
