package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.Rscript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local directory of R tarballs, two dated snapshots, export and import to a second root, real
 * nginx and real R installing from each date.
 */
@Tag("e2e")
class LocalREndToEndIT {
  private static final String D1 = "2026-12-01";
  private static final String D2 = "2026-12-02";
  @TempDir Path tmp;

  @Test
  void rInstallsFromEachDateOfALocalDirectoryAndABundleCarriesItToAnotherRoot() throws Exception {
    ExternalTools.assumeRscript();
    Path dir = tmp.resolve("srv/internal/r");
    CranPackage.of("pkgA", "1.0.0").writeTo(dir);
    CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA").writeTo(dir.resolve("team-b"));
    CranPackage.of("latinpkg", "0.5").latin1().writeTo(dir);
    Path root = tmp.resolve("root");
    Path config = config(tmp.resolve("tintype.yaml"), root, dir);

    Cli.run("sync", "--config", config.toString(), "--date", D1).requireSuccess();
    Map<String, String> firstDate = BundleRoundTripIT.tree(root.resolve("internal-r/" + D1));
    CranPackage.of("pkgA", "1.1.0").writeTo(dir);
    ProcessRunner.Result second =
        Cli.run("sync", "--config", config.toString(), "--date", D2).requireSuccess();
    // The new file is in the new date only: the older date keeps every byte.
    assertThat(BundleRoundTripIT.tree(root.resolve("internal-r/" + D1))).isEqualTo(firstDate);
    assertThat(second.stdout() + second.stderr())
        .contains("4 tarballs: 3 already in the pool, 1 copied");
    assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("internal-r/" + D1 + ": ok")
        .contains("internal-r/" + D2 + ": ok");
    assertThat(root.resolve("internal-r/" + D1 + "/src/contrib/pkgA_1.1.0.tar.gz")).doesNotExist();
    Path b1 = root.resolve("internal-r/" + D1 + "/src/contrib/pkgB_0.1.0.tar.gz");
    assertThat((int) Files.getAttribute(b1, "unix:nlink")).isEqualTo(3); // pool + two dates

    Path rootB = tmp.resolve("rootB");
    Path configB = config(tmp.resolve("b.yaml"), rootB, dir);
    Cli.exportAndImport(config, configB, "internal-r", tmp.resolve("media"), D1, D2);
    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("internal-r/" + D1 + ": ok")
        .contains("internal-r/" + D2 + ": ok");
    assertThat(Files.readAllBytes(rootB.resolve("internal-r/" + D2 + "/manifest.json")))
        .isEqualTo(Files.readAllBytes(root.resolve("internal-r/" + D2 + "/manifest.json")));

    ExternalTools.assumeNginx();
    try (NginxServer nginx = NginxServer.start(rootB)) {
      String base = nginx.url() + "/internal-r/";
      assertThat(installedVersion(base + D1, "pkgB", "pkgA")).isEqualTo("1.0.0");
      assertThat(installedVersion(base + D2, "pkgB", "pkgA")).isEqualTo("1.1.0");
      assertThat(installedVersion(base + "latest", "latinpkg", "latinpkg")).isEqualTo("0.5");
    }
  }

  private static Path config(Path file, Path root, Path dir) throws IOException {
    return Files.writeString(
        file,
        "storage:\n  filesystem: '"
            + root
            + "'\nrepos:\n  - name: internal-r\n    type: local-r\n    path: '"
            + dir
            + "'\n");
  }

  private String installedVersion(String repos, String install, String check) throws IOException {
    return Rscript.installedVersion(tmp, repos, install, check);
  }
}
