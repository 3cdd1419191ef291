package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import dev.tintype.fixtures.S3NginxProxy;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream built with real R, whose Meta/archive.rds and current.rds R wrote from file.info()
 * with a history across several dates; real syncs, real nginx, and R's own readers and
 * remotes::install_version against the snapshot.
 */
@Tag("e2e")
class CranArchiveEndToEndIT {
  @TempDir Path tmp;

  /**
   * pkgA 0.1.0 (Jan 10), 0.2.0 (Feb 10), 0.3.0 (Mar 10); pkgB 1.0 (Jan 10), removed whole on Feb
   * 20; pkgC 1.0 (Jan 5).
   */
  static CranUpstream history(Path dir) throws IOException {
    return new CranUpstream(dir)
        .builtWithR()
        .withMeta()
        .on("2024-01-05")
        .add(CranPackage.of("pkgC", "1.0"))
        .on("2024-01-10")
        .add(CranPackage.of("pkgA", "0.1.0"))
        .add(CranPackage.of("pkgB", "1.0"))
        .on("2024-02-10")
        .add(CranPackage.of("pkgA", "0.2.0"), true)
        .on("2024-02-20")
        .archive("pkgB")
        .on("2024-03-10")
        .add(CranPackage.of("pkgA", "0.3.0"), true)
        .write();
  }

  @Test
  void installVersionInstallsAnArchivedVersionAndARemovedPackageFromTheServedSnapshot()
      throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    history(up);
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos: [{name: cran, type: cran, upstream: '"
              + server.url()
              + "'}]\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      server.resetCounts();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(server.fileDownloads()).as("the nightly downloads nothing").isZero();
      assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2026-11-21: ok");
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      checkArchiveWithR(nginx.url() + "/cran/2026-11-21");
    }
  }

  /** R's own readers of the served Meta files, and install_version of archived and removed. */
  private void checkArchiveWithR(String repos) throws IOException {
    String code =
        "options(warn = 1)\n"
            + "Sys.setenv(R_CRAN_SRC = '"
            + repos
            + "')\n"
            + "a <- tools:::CRAN_archive_db()\n"
            + "stopifnot(is.list(a), identical(names(a), c('pkgA', 'pkgB')))\n"
            + "stopifnot(all(vapply(a, is.data.frame, TRUE)))\n"
            + "cat('ROWS', rownames(a$pkgA), rownames(a$pkgB), '\\n')\n"
            + "cat('MTIME', format(a$pkgA$mtime, '%Y-%m-%d', tz = 'UTC'), '\\n')\n"
            + "stopifnot(inherits(a$pkgA$mode, 'octmode'), inherits(a$pkgA$mtime, 'POSIXct'))\n"
            + "c <- tools:::CRAN_current_db()\n"
            + "cat('CURRENT', sort(rownames(c)), '\\n')\n"
            + "for (v in c('pkgA 0.1.0', 'pkgA 0.2.0', 'pkgB 1.0', 'pkgC 1.0')) {\n"
            + "  p <- strsplit(v, ' ')[[1]]\n"
            + "  lib <- tempfile(); dir.create(lib)\n"
            + "  remotes::install_version(p[1], p[2], repos = '"
            + repos
            + "', lib = lib, upgrade = 'never', quiet = TRUE)\n"
            + "  cat('INSTALLED', p[1], as.character(packageVersion(p[1], lib.loc = lib)),"
            + " '\\n')\n"
            + "}\n";
    ProcessRunner.Result r =
        Rscript.eval(Duration.ofMinutes(4), tmp.resolve("lib"), code).requireSuccess();
    assertThat(r.stdout())
        .contains("ROWS pkgA/pkgA_0.1.0.tar.gz pkgA/pkgA_0.2.0.tar.gz pkgB/pkgB_1.0.tar.gz")
        .contains("MTIME 2024-01-10 2024-02-10")
        .contains("CURRENT pkgA_0.3.0.tar.gz pkgC_1.0.tar.gz")
        .contains("INSTALLED pkgA 0.1.0")
        .contains("INSTALLED pkgA 0.2.0")
        .contains("INSTALLED pkgB 1.0")
        .contains("INSTALLED pkgC 1.0");
  }

  @Test
  void aBackfilledDateInstallsTheVersionsOfThatDateAndLatestStaysPut() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    history(up);
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos: [{name: cran, type: cran, upstream: '"
              + server.url()
              + "'}]\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      Cli.run("sync", "--config", config.toString(), "--date", "2024-02-15", "--backfill")
          .requireSuccess();
      assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2024-02-15: ok");
    }
    assertThat(Files.readSymbolicLink(root.resolve("cran/latest")).toString())
        .endsWith("2026-11-20");
    try (NginxServer nginx = NginxServer.start(root)) {
      String day = nginx.url() + "/cran/2024-02-15";
      assertThat(Rscript.installedVersion(tmp, day, "pkgA", "pkgA")).isEqualTo("0.2.0");
      assertThat(Rscript.installedVersion(tmp, day, "pkgB", "pkgB")).isEqualTo("1.0");
      assertThat(Rscript.installedVersion(tmp, nginx.url() + "/cran/latest", "pkgA", "pkgA"))
          .isEqualTo("0.3.0");
    }
  }

  @Test
  void theArchiveAndABackfilledDateWorkTheSameFromAnS3Bucket() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    history(up);
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"));
        FakeUpstream server = FakeUpstream.serve(up)) {
      s3.createBucket("pkgs", false);
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          S3Cli.storageYaml(s3, "pkgs", "mirror/")
              + "repos:\n  - {name: cran, type: cran, upstream: '"
              + server.url()
              + "'}\n");
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      s3.resetCounts();
      server.resetCounts();
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(server.fileDownloads()).isZero();
      assertThat(s3.puts()).filteredOn(k -> k.startsWith("mirror/pool/")).isEmpty();
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2024-02-15", "--backfill")
          .requireSuccess();
      assertThat(S3Cli.run(s3, "verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2026-11-21: ok")
          .contains("cran/2024-02-15: ok");
      try (S3NginxProxy nginx = S3NginxProxy.start(s3.publicReadEndpoint(), "/pkgs/mirror")) {
        checkArchiveWithR(nginx.url() + "/cran/2026-11-21");
        assertThat(Rscript.installedVersion(tmp, nginx.url() + "/cran/2024-02-15", "pkgA", "pkgA"))
            .isEqualTo("0.2.0");
        assertThat(Rscript.installedVersion(tmp, nginx.url() + "/cran/latest", "pkgA", "pkgA"))
            .isEqualTo("0.3.0");
      }
    }
  }
}
