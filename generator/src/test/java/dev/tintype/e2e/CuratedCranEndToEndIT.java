package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A curated CRAN snapshot through the CLI, served by nginx, installed from by real R. */
@Tag("e2e")
class CuratedCranEndToEndIT {
  @TempDir Path tmp;

  @Test
  void rInstallsAnApprovedPackageWithItsDependenciesAndFindsNothingElse() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path up = tmp.resolve("upstream");
    CranUpstream.curationDemo(up);
    Path root = tmp.resolve("root");
    Files.writeString(tmp.resolve("approved-r.txt"), "# approved\napp\n");
    Path config = tmp.resolve("tintype.yaml");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - name: cran\n    type: cran\n    upstream: "
              + server.url()
              + "\n    packages-file: approved-r.txt\n    packages: [other]\n"
              + "    block: [\"bad (< 2.0)\"]\n");
      ProcessRunner.Result sync =
          Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      assertThat(sync.stdout() + sync.stderr())
          .contains("blocked bad 1.1 (rule 'bad (< 2.0)'), needed by: other");
      assertThat(server.fileDownloads()).isEqualTo(5);
    }
    assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("cran/2026-11-20: ok");

    try (NginxServer nginx = NginxServer.start(root)) {
      Path lib = Files.createDirectories(tmp.resolve("lib"));
      String repos = nginx.url() + "/cran/2026-11-20";
      String code =
          "options(warn = 1)\n"
              + "repos <- '"
              + repos
              + "'\n"
              + "cat('AVAILABLE', sort(rownames(available.packages(repos = repos))), '\\n')\n"
              + "install.packages('app', repos = repos, lib = '"
              + lib
              + "', type = 'source', quiet = TRUE)\n"
              + "cat('INSTALLED', sort(rownames(installed.packages('"
              + lib
              + "'))), '\\n')\n"
              + "suppressPackageStartupMessages(library(app, lib.loc = '"
              + lib
              + "'))\n"
              + "cat('LOADED\\n')\n";
      ProcessRunner.Result r = Rscript.eval(Duration.ofMinutes(3), lib, code).requireSuccess();
      assertThat(r.stdout())
          .contains("AVAILABLE app hdr low mid other \n")
          .contains("INSTALLED app hdr low mid \n")
          .contains("LOADED");
      ProcessRunner.Result unapproved =
          Rscript.eval(
              Duration.ofMinutes(1),
              lib,
              "install.packages('unrelated', repos = '" + repos + "', lib = '" + lib + "')\n");
      assertThat(unapproved.stdout() + unapproved.stderr())
          .containsPattern("package .unrelated. is not available");
    }
  }
}
