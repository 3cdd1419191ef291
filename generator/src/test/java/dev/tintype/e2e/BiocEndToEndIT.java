package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tintype.config.RepoConfig;
import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import dev.tintype.format.layout.Layout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Bioconductor fixture and a CRAN one, their tarballs made by real {@code R CMD build}, synced by
 * the real CLI, served by nginx through scripts/serve, and Debian's BiocManager (1.30.20, with
 * BiocVersion 3.16 for R 4.2) installing a Bioconductor package from the snapshot, pointed at it by
 * the two settings the docs give. The fixture has two releases, 3.16 (the one BiocVersion 3.16
 * picks) and 3.17, and areas missing upstream in each.
 */
@Tag("e2e")
class BiocEndToEndIT {
  private static final String DATE = "2026-11-20";
  private static final String DATE2 = "2026-11-21";
  private static final List<String> VERSIONS = List.of("3.16", "3.17");
  @TempDir Path tmp;
  private BiocUpstream upstream;

  @Test
  void biocManagerInstallsFromTheSnapshotAndEveryAreaAnswers() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    assumeBiocManager();
    Path root = tmp.resolve("root");
    Path config = config(tmp.resolve("tintype.yaml"), root);
    Cli.run("sync", "--config", config.toString(), "--date", DATE).requireSuccess();
    assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("bioc/" + DATE + ": ok");

    try (NginxServer nginx = NginxServer.start(root)) {
      String snapshot = nginx.url() + "/bioc/" + DATE;
      HttpClient http = HttpClient.newHttpClient();
      assertThat(status(http, snapshot + "/" + Layout.BIOC_CONFIG)).isEqualTo(200);
      for (String v : VERSIONS) {
        for (String area : RepoConfig.BIOC_AREAS) {
          for (String index : Layout.R_INDEXES) {
            String url = snapshot + "/" + Layout.contribIndex(Layout.biocContrib(v, area), index);
            assertThat(status(http, url)).as(url).isEqualTo(200);
          }
        }
      }

      Path lib = Files.createDirectories(tmp.resolve("lib"));
      String code =
          "withCallingHandlers({\n"
              + "  options(BioC_mirror = '"
              + snapshot
              + "', repos = c(CRAN = '"
              + nginx.url()
              + "/cran/"
              + DATE
              + "'))\n"
              + "  cat('STATUS', as.character(BiocManager:::.version_field('BiocStatus')), '\\n')\n"
              + "  BiocManager::install('biocAlpha', update = FALSE, ask = FALSE)\n"
              + "  cat('REPOS', BiocManager::repositories(), '\\n')\n"
              + "  for (r in BiocManager::repositories()) cat('AREA', r,"
              + " nrow(available.packages(repos = r, type = 'source')), '\\n')\n"
              + "}, warning = function(w) cat('WARNING', conditionMessage(w), '\\n'))\n"
              + "for (p in c('biocAlpha', 'org.Demo.db', 'cranDep'))\n"
              + "  cat('VERSION', p, as.character(packageVersion(p, lib.loc = '"
              + lib
              + "')), '\\n')\n"
              + "cat('PACKAGED', packageDescription('biocAlpha', lib.loc = '"
              + lib
              + "')$Packaged, '\\n')\n"
              // The other release, which this R does not choose, read as R reads any repository.
              + "for (a in c('bioc', 'data/annotation', 'data/experiment', 'workflows')) {\n"
              + "  ap <- available.packages(contriburl = paste0('"
              + snapshot
              + "/packages/3.17/', a, '/src/contrib'), filters = list())\n"
              + "  cat('AREA317', a, nrow(ap), ap[, 'Version'], '\\n')\n"
              + "}\n";
      ProcessRunner.Result r =
          ProcessRunner.run(
                  Duration.ofMinutes(5),
                  tmp,
                  Map.of(
                      "R_LIBS",
                      lib.toString(),
                      "BIOCONDUCTOR_CONFIG_FILE",
                      snapshot + "/" + Layout.BIOC_CONFIG),
                  List.of("Rscript", "--no-init-file", "-e", code))
              .requireSuccess();
      String out = r.stdout();
      // "release" comes only from the snapshot's config.yaml: offline, BiocManager has no map.
      assertThat(out).as(r.stderr()).contains("STATUS release");
      assertThat(out)
          .as(r.stderr())
          .contains("VERSION biocAlpha 1.2.0")
          .contains("VERSION org.Demo.db 3.16.0")
          .contains("VERSION cranDep 0.3.0")
          .contains("REPOS " + snapshot + "/packages/3.16/bioc")
          .contains("AREA " + snapshot + "/packages/3.16/bioc 1")
          .contains("AREA " + snapshot + "/packages/3.16/books 0")
          .contains("AREA " + snapshot + "/packages/3.16/workflows 0")
          .contains("AREA317 bioc 1 1.3.1")
          .contains("AREA317 data/annotation 1 3.16.0")
          .contains("AREA317 data/experiment 0")
          .contains("AREA317 workflows 0")
          .doesNotContain("WARNING");
      // Only R CMD build stamps the builder's name and time; the Java-built fixture's is fixed.
      assertThat(out)
          .containsPattern("PACKAGED \\d{4}-\\d\\d-\\d\\d [^\\n]*; ")
          .doesNotContain("; tintype");
    }
  }

  /** Writes the R-built upstreams and a config that mirrors both into {@code root}. */
  private Path config(Path file, Path root) throws IOException {
    Path up = tmp.resolve("upstream");
    if (upstream == null) {
      upstream = BiocUpstream.demoBuiltWithR(up.resolve("bioc"));
      new CranUpstream(up.resolve("cran"))
          .builtWithR()
          .add(CranPackage.of("cranDep", "0.3.0"))
          .write();
    }
    return Files.writeString(
        file,
        "storage: {filesystem: "
            + root
            + "}\nrepos:\n"
            + "  - {name: cran, type: cran, upstream: '"
            + up.resolve("cran").toUri()
            + "'}\n"
            + "  - {name: bioc, type: bioconductor, upstream: '"
            + up.resolve("bioc").toUri()
            + "', versions: [\"3.16\", \"3.17\"]}\n");
  }

  @Test
  void aSecondDateIsDiffedByReleaseAndAreaAndABundleCarriesBothDatesToAnotherRoot()
      throws Exception {
    ExternalTools.assumeRscript();
    Path root = tmp.resolve("root");
    Path config = config(tmp.resolve("tintype.yaml"), root);
    Cli.run("sync", "--config", config.toString(), "--date", DATE).requireSuccess();
    upstream.add("3.17", "bioc", CranPackage.of("biocAlpha", "1.3.2")).write();
    upstream.area("3.16", "data/experiment").remove("demoData");
    upstream.write();
    Cli.run("sync", "--config", config.toString(), "--date", DATE2).requireSuccess();

    assertThat(
            Cli.run("diff", "--config", config.toString(), "--repo", "bioc", DATE, DATE2)
                .requireSuccess()
                .stdout()
                .lines())
        .containsExactly(
            "- [3.16/data/experiment] demoData 1.0.0",
            "^ [3.17/bioc] biocAlpha 1.3.1 -> 1.3.2",
            "bioc "
                + DATE
                + " -> "
                + DATE2
                + ": 0 added, 1 removed, 1 upgraded, 0 downgraded,"
                + " 0 changed, 0 file changes, 0 yank changes");

    Path rootB = tmp.resolve("rootB");
    Path configB = config(tmp.resolve("b.yaml"), rootB);
    Cli.exportAndImport(config, configB, "bioc", tmp.resolve("media"), DATE, DATE2);
    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("bioc/" + DATE + ": ok")
        .contains("bioc/" + DATE2 + ": ok");
    for (String date : List.of(DATE, DATE2)) {
      assertThat(Files.readAllBytes(rootB.resolve("bioc/" + date + "/manifest.json")))
          .isEqualTo(Files.readAllBytes(root.resolve("bioc/" + date + "/manifest.json")));
    }
    // The tarball both dates list is one file in the imported pool too.
    String orgDb =
        "/" + Layout.biocContrib("3.16", "data/annotation") + "/org.Demo.db_3.16.0.tar.gz";
    assertThat(
            Files.isSameFile(
                rootB.resolve("bioc/" + DATE + orgDb), rootB.resolve("bioc/" + DATE2 + orgDb)))
        .isTrue();
  }

  private static int status(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void assumeBiocManager() throws IOException {
    ProcessRunner.Result r =
        Rscript.eval(
            Duration.ofMinutes(1),
            "cat('HAVE', requireNamespace('BiocManager', quietly = TRUE)"
                + " && requireNamespace('BiocVersion', quietly = TRUE), '\\n')");
    assumeTrue(
        r.stdout().contains("HAVE TRUE"),
        "BiocManager and BiocVersion are not installed (apt-get install r-cran-biocmanager"
            + " r-bioc-biocversion)");
  }
}
