package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake upstream, two real syncs, real nginx, real R installing from dated URLs. */
@Tag("e2e")
class CranEndToEndIT {
  @TempDir Path tmp;

  @Test
  void rInstallsTheVersionOfEachDateAndUnchangedTarballsAreStoredOnce() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    CranUpstream upstream =
        new CranUpstream(up)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .add(CranPackage.of("latinpkg", "0.5").latin1())
            .write();
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage:\n  filesystem: "
              + root
              + "\nrepos:\n  - name: cran\n    type: cran\n    upstream: "
              + server.url()
              + "\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      upstream.add(CranPackage.of("pkgA", "1.1.0")).write();
      server.resetCounts();
      ProcessRunner.Result second =
          Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(server.fileDownloads()).as(second.stdout()).isEqualTo(1);

      ProcessRunner.Result again =
          Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(again.stdout()).contains("already published");

      assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2026-11-20: ok")
          .contains("cran/2026-11-21: ok");
      assertThat(Cli.run("list", "--config", config.toString()).requireSuccess().stdout())
          .contains("2026-11-21")
          .contains("(latest)");
    }

    Path b1 = root.resolve("cran/2026-11-20/src/contrib/pkgB_0.1.0.tar.gz");
    Path b2 = root.resolve("cran/2026-11-21/src/contrib/pkgB_0.1.0.tar.gz");
    assertThat(Files.getAttribute(b1, "unix:ino")).isEqualTo(Files.getAttribute(b2, "unix:ino"));
    assertThat((int) Files.getAttribute(b1, "unix:nlink")).isEqualTo(3); // pool + two snapshots

    try (NginxServer nginx = NginxServer.start(root)) {
      assertThat(installedVersion(nginx.url() + "/cran/2026-11-20", "pkgB", "pkgA"))
          .isEqualTo("1.0.0");
      assertThat(installedVersion(nginx.url() + "/cran/2026-11-21", "pkgB", "pkgA"))
          .isEqualTo("1.1.0");
      assertThat(installedVersion(nginx.url() + "/cran/latest", "pkgA", "pkgA")).isEqualTo("1.1.0");
    }
  }

  @Test
  void packagesRdsReadsAsTheSameMatrixThatWritePackagesMakes() throws Exception {
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    new CranUpstream(up)
        .add(CranPackage.of("pkgA", "1.0.0").field("Depends", "R (>= 3.5.0)"))
        .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA").field("Suggests", "testthat"))
        .add(CranPackage.of("zeta", "2.0-1").field("LinkingTo", "pkgA"))
        .write();
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}]\n");
    Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
    Path contrib = root.resolve("cran/2026-11-20/src/contrib");
    Path scratch = Files.createDirectories(tmp.resolve("rcheck"));
    String code =
        "a <- readRDS('"
            + contrib
            + "/PACKAGES.rds')\n"
            + "for (f in Sys.glob('"
            + contrib
            + "/*.tar.gz')) file.copy(f, '"
            + scratch
            + "')\n"
            + "tools::write_PACKAGES('"
            + scratch
            + "', type = 'source')\n"
            + "b <- readRDS('"
            + scratch
            + "/PACKAGES.rds')\n"
            + "stopifnot(all(startsWith(a[, 'Path'], '../../../../pool/')))\n"
            + "a <- a[order(rownames(a)), colnames(a) != 'Path', drop = FALSE]\n"
            + "b <- b[order(rownames(b)), , drop = FALSE]\n"
            + "if (!identical(a, b)) { print(all.equal(a, b)); print(a); print(b) }\n"
            + "cat('IDENTICAL', identical(a, b), '\\n')\n"
            + "t <- read.dcf('"
            + contrib
            + "/PACKAGES')\n"
            + "cat('TEXT', identical(t[, colnames(t) != 'Path'], unname(t[, colnames(t) != 'Path'])), '\\n')\n";
    ProcessRunner.Result r = Rscript.eval(Duration.ofMinutes(2), code).requireSuccess();
    assertThat(r.stdout()).contains("IDENTICAL TRUE");
  }

  private String installedVersion(String repos, String install, String check) throws IOException {
    return Rscript.installedVersion(tmp, repos, install, check);
  }
}
