package dev.tintype.format.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tintype.format.rds.RdsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CranMetaTest {
  private static final FileInfo A1 =
      new FileInfo(
          "A3/A3_0.9.1.tar.gz",
          1234.0,
          false,
          0644,
          1600000000.5,
          1600000001.0,
          1600000002.0,
          1000,
          1000,
          "cran",
          "cran");
  private static final FileInfo A2 = FileInfo.of("A3/A3_0.9.2.tar.gz", 99, 1650000000.0);

  private static Map<String, List<FileInfo>> archive() {
    Map<String, List<FileInfo>> m = new LinkedHashMap<>();
    m.put("zz", List.of(FileInfo.of("zz/zz_1.0.tar.gz", 5, null)));
    m.put("A3", List.of(A2, A1));
    m.put("empty", List.of());
    return m;
  }

  private static byte[] writeArchive(Map<String, List<FileInfo>> m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CranMeta.writeArchive(m, out);
    return out.toByteArray();
  }

  @Test
  void anArchiveReadsBackSortedByPackageAndFile() throws IOException {
    byte[] b = writeArchive(archive());
    Map<String, List<FileInfo>> back =
        CranMeta.readArchive(new ByteArrayInputStream(b), "archive.rds");
    assertThat(back.keySet()).containsExactly("A3", "empty", "zz");
    assertThat(back.get("A3")).containsExactly(A1, A2);
    assertThat(back.get("empty")).isEmpty();
    assertThat(writeArchive(back)).as("deterministic").isEqualTo(b);
  }

  @Test
  void anArchiveThatIsNotAListOfFramesIsRefusedByName() throws IOException {
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    CranMeta.writeCurrent(List.of(A2), cur);
    // A current.rds is a data frame: a list, but its elements are columns, not frames.
    assertThatThrownBy(
            () -> CranMeta.readArchive(new ByteArrayInputStream(cur.toByteArray()), "up/a.rds"))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("up/a.rds [size]: expected a data frame");
    assertThatThrownBy(
            () ->
                CranMeta.readArchive(
                    new ByteArrayInputStream("not rds".getBytes(StandardCharsets.UTF_8)),
                    "up/a.rds"))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("up/a.rds: not an R object");
  }

  @Test
  @Tag("e2e")
  void rReadsOurArchiveAsTheNamedListOfFileInfoFramesItWrites(@TempDir Path dir) throws Exception {
    Path ours = dir.resolve("ours.rds");
    Files.write(ours, writeArchive(archive()));
    Path cur = dir.resolve("current.rds");
    try (var out = Files.newOutputStream(cur)) {
      CranMeta.writeCurrent(List.of(A2.named("A3_0.9.2.tar.gz")), out);
    }
    String out =
        rscript(
            "a <- readRDS('"
                + ours
                + "'); str(a)\n"
                + "stopifnot(identical(names(a), c('A3', 'empty', 'zz')))\n"
                + "i <- a[['A3']]\n"
                + "stopifnot(is.data.frame(i), inherits(i$mode, 'octmode'),"
                + " inherits(i$mtime, 'POSIXct'), is.integer(i$uid), is.logical(i$isdir))\n"
                + "cat('ROWS', rownames(i), '\\n')\n"
                + "cat('MTIME', format(i$mtime[2], tz = 'UTC', '%Y-%m-%d %H:%M:%S'), '\\n')\n"
                + "cat('MODE', format(i$mode[1]), '\\n')\n"
                + "c <- readRDS(gzcon(file('"
                + cur
                + "', 'rb')))\n"
                + "cat('CURRENT', rownames(c), c$size, '\\n')\n");
    assertThat(out)
        .contains("ROWS A3/A3_0.9.1.tar.gz A3/A3_0.9.2.tar.gz")
        .contains("MTIME 2022-04-15 05:20:00")
        .contains("MODE 644")
        .contains("CURRENT A3_0.9.2.tar.gz 99");
  }

  @Test
  @Tag("e2e")
  void weReadTheArchiveRWritesFromFileInfo(@TempDir Path dir) throws Exception {
    Path rds = dir.resolve("archive.rds");
    Files.createDirectories(dir.resolve("pkgA"));
    Files.writeString(dir.resolve("pkgA/pkgA_0.1.0.tar.gz"), "12345");
    rscript(
        "setwd('"
            + dir
            + "')\n"
            + "f <- file.info('pkgA/pkgA_0.1.0.tar.gz')\n"
            + "Sys.setFileTime('pkgA/pkgA_0.1.0.tar.gz', as.POSIXct('2024-03-01 12:00:00', tz='UTC'))\n"
            + "f <- file.info('pkgA/pkgA_0.1.0.tar.gz', extra_cols = TRUE)\n"
            + "saveRDS(list(pkgA = f), 'archive.rds')\n");
    Map<String, List<FileInfo>> a;
    try (InputStream in = Files.newInputStream(rds)) {
      a = CranMeta.readArchive(in, "archive.rds");
    }
    FileInfo f = a.get("pkgA").get(0);
    assertThat(f.name()).isEqualTo("pkgA/pkgA_0.1.0.tar.gz");
    assertThat(f.size()).isEqualTo(5.0);
    assertThat(f.mtime()).isEqualTo(1709294400.0);
    assertThat(f.isdir()).isFalse();
    assertThat(f.uname()).isNotNull();
  }

  private static String rscript(String code) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder("Rscript", "--no-init-file", "-e", code)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "Rscript is not installed");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
