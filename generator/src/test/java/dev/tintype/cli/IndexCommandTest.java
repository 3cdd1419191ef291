package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  @Test
  void indexWritesTheThreeFilesAndReportsSkippedTarballs() throws Exception {
    tarball(dir, "alpha", "1.0");
    Files.writeString(dir.resolve("broken_1.0.tar.gz"), "nope");

    assertThat(run("index", "--threads", "2", dir.toString())).isZero();

    assertThat(Files.readString(dir.resolve("PACKAGES"))).startsWith("Package: alpha\n");
    assertThat(dir.resolve("PACKAGES.gz")).isRegularFile();
    assertThat(dir.resolve("PACKAGES.rds")).isRegularFile();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("indexed 1 packages, skipped 1 files");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken_1.0.tar.gz");
  }

  @Test
  void indexNeedsExactlyOneExistingDirectory() {
    assertThat(run("index")).isEqualTo(2);
    assertThat(run("index", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(run("index", "--threads", "0", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("expected one directory, found none")
        .contains("is not a directory")
        .contains("--threads must be a whole number");
  }

  @Test
  void indexIsListedInTheOverviewAndHasHelp() {
    assertThat(run("--help")).isZero();
    assertThat(run("index", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("index    write PACKAGES")
        .contains("tintype index DIR");
  }

  private static void tarball(Path dir, String pkg, String version) throws Exception {
    byte[] d =
        ("Package: " + pkg + "\nVersion: " + version + "\nLicense: GPL-2\n")
            .getBytes(StandardCharsets.UTF_8);
    try (OutputStream raw = Files.newOutputStream(dir.resolve(pkg + "_" + version + ".tar.gz"));
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      TarArchiveEntry e = new TarArchiveEntry(pkg + "/DESCRIPTION");
      e.setSize(d.length);
      tar.putArchiveEntry(e);
      tar.write(d);
      tar.closeArchiveEntry();
    }
  }
}
