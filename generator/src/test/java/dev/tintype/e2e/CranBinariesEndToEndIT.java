package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranBinaryTree;
import dev.tintype.fixtures.CranBinaryTree.Dir;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import dev.tintype.fixtures.S3NginxProxy;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Md5;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binaries built with real R (R CMD build, R CMD INSTALL, then zipped for Windows and tarred for
 * macOS), two syncs through the CLI with a rebuild in between, real nginx (over a filesystem or
 * S3Proxy), and real R listing and downloading both platforms' binaries from each date. R on Linux
 * lists and downloads binaries of other platforms, for the R version it is (this one's contrib.url
 * asks for its own x.y).
 */
@Tag("e2e")
class CranBinariesEndToEndIT {
  private static final String JUNE = "2024-06-14 12:00:00 UTC";
  private static final String JULY = "2024-07-01 08:00:00 UTC";
  private static final List<String> NAMES = List.of("pkgA", "pkgB");

  @TempDir Path tmp;

  /** Runs the CLI against one backend. */
  private interface Runner {
    ProcessRunner.Result run(String... args) throws Exception;
  }

  /** Serves what was synced while {@code check} runs against the URL of the repository. */
  private interface Serve {
    void serving(Check check) throws Exception;
  }

  private interface Check {
    void against(String cranUrl) throws Exception;
  }

  @Test
  void rListsAndDownloadsEachDatesOwnBuildsForWindowsAndMacos() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path root = tmp.resolve("root");
    scenario(
        "storage:\n  filesystem: " + root + "\n",
        Cli::run,
        check -> {
          try (NginxServer nginx = NginxServer.start(root)) {
            check.against(nginx.url() + "/cran");
          }
        });
  }

  @Test
  void theSameFromS3() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("pkgs", false);
      scenario(
          S3Cli.storageYaml(s3, "pkgs", "mirror/"),
          args -> S3Cli.run(s3, args),
          check -> {
            try (S3NginxProxy nginx = S3NginxProxy.start(s3.publicReadEndpoint(), "/pkgs/mirror")) {
              check.against(nginx.url() + "/cran");
            }
          });
    }
  }

  private void scenario(String storageYaml, Runner cli, Serve serve) throws Exception {
    String r = rMinor();
    Dir win = Dir.windows(r);
    Dir mac = Dir.macos("big-sur-arm64", r);
    CranPackage a = CranPackage.of("pkgA", "1.0.0");
    CranPackage b = CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA");
    Path up = tmp.resolve("upstream");
    new CranUpstream(up).builtWithR().add(a).add(b).write();
    CranBinaryTree bins =
        new CranBinaryTree(up)
            .builtWithR()
            .add(win, a, JUNE)
            .add(win, b, JUNE)
            .withoutMd5(win, "pkgB")
            .add(mac, a, JUNE)
            .add(mac, b, JUNE)
            .write();
    List<String> june = expected(bins, win, mac);
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          storageYaml
              + "repos:\n  - name: cran\n    type: cran\n    upstream: "
              + server.url()
              + "\n    binaries:\n      windows: [\""
              + r
              + "\"]\n      macos:\n        big-sur-arm64: [\""
              + r
              + "\"]\n");
      cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      // CRAN rebuilds the same versions: new bytes under the same file names.
      bins.add(win, b, JULY).withoutMd5(win, "pkgB").add(mac, a, JULY).write();
      cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2026-11-20: ok")
          .contains("cran/2026-11-21: ok");
    }
    List<String> july = expected(bins, win, mac);
    assertThat(july).isNotEqualTo(june);

    serve.serving(
        cran -> {
          assertThat(downloaded(cran + "/2026-11-20")).isEqualTo(june);
          assertThat(downloaded(cran + "/2026-11-21")).isEqualTo(july);
          assertThat(downloaded(cran + "/latest")).isEqualTo(july);
        });
  }

  /** What R downloads from {@code repos}: "type file md5" lines, both types, sorted by name. */
  private List<String> downloaded(String repos) throws Exception {
    Path dest = Files.createTempDirectory(tmp, "dl");
    String code =
        "repos <- '"
            + repos
            + "'\n"
            + "for (type in c('win.binary', 'mac.binary.big-sur-arm64')) {\n"
            + "  ap <- available.packages(contriburl = contrib.url(repos, type = type),"
            + " type = type)\n"
            + "  stopifnot(identical(sort(rownames(ap)), c('pkgA', 'pkgB')))\n"
            + "  d <- file.path('"
            + dest
            + "', type); dir.create(d)\n"
            + "  got <- download.packages(c('pkgA', 'pkgB'), d, available = ap, repos = repos,"
            + " type = type)\n"
            + "  got <- got[order(got[, 1]), , drop = FALSE]\n"
            + "  for (f in got[, 2]) cat('GOT', type, basename(f), tools::md5sum(f), '\\n')\n"
            + "}\n";
    ProcessRunner.Result res = Rscript.eval(Duration.ofMinutes(2), code).requireSuccess();
    List<String> out = new ArrayList<>();
    for (String line : res.stdout().split("\n")) {
      if (line.startsWith("GOT ")) {
        out.add(line.substring(4).strip());
      }
    }
    return out;
  }

  private static List<String> expected(CranBinaryTree bins, Dir win, Dir mac) {
    List<String> out = new ArrayList<>();
    for (String type : List.of("win.binary", "mac.binary.big-sur-arm64")) {
      Dir d = type.equals("win.binary") ? win : mac;
      for (String n : NAMES) {
        out.add(
            type
                + " "
                + bins.fileName(d, n)
                + " "
                + Md5.hex(Md5.newDigest().digest(bins.bytes(d, n))));
      }
    }
    return out;
  }

  private static String rMinor() throws Exception {
    ProcessRunner.Result v =
        Rscript.eval(
                Duration.ofMinutes(1),
                "cat('RMINOR', paste(R.version$major, strsplit(R.version$minor, '.', fixed ="
                    + " TRUE)[[1]][1], sep = '.'), '\\n')")
            .requireSuccess();
    String line = v.stdout().lines().filter(l -> l.startsWith("RMINOR ")).findFirst().orElseThrow();
    return line.substring("RMINOR ".length()).strip();
  }
}
