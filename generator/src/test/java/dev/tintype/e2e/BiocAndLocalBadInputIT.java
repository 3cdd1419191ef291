package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.LocalPythonDir;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of Bioconductor and local repositories, through the real CLI: each exits non-zero
 * with a message naming the file at fault, and the storage root holds no snapshot afterwards.
 */
class BiocAndLocalBadInputIT {
  @TempDir Path tmp;

  private Path root() {
    return tmp.resolve("root");
  }

  private ProcessRunner.Result sync(String repos) throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("tintype.yaml"),
            "storage: {filesystem: '" + root() + "'}\nrepos:\n" + repos);
    return Cli.run("sync", "--config", config.toString(), "--date", "2026-12-01");
  }

  private void assertNothingPublished() throws IOException {
    if (!Files.exists(root())) {
      return;
    }
    try (Stream<Path> all = Files.walk(root())) {
      assertThat(all.map(p -> p.getFileName().toString()))
          .doesNotContain("manifest.json", "latest", "2026-12-01");
    }
  }

  @Test
  void aBioconductorRepositoryWithoutVersionsIsAConfigErrorNamingTheFileAndKey() throws Exception {
    ProcessRunner.Result r =
        sync("  - {name: bioc, type: bioconductor, upstream: 'https://bioconductor.org'}\n");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr())
        .contains("tintype.yaml")
        .contains("repos[0].versions is required for type bioconductor");
    assertThat(root()).doesNotExist();
  }

  @Test
  void anUpstreamConfigYamlThatIsNotYamlIsRefusedNamingItAndNothingIsPublished() throws Exception {
    Path up = tmp.resolve("up");
    BiocUpstream.demo(up).configYaml("release_version: [\"3.16\"\n  : {oops\n").write();

    ProcessRunner.Result r =
        sync(
            "  - {name: bioc, type: bioconductor, upstream: '"
                + up.toUri()
                + "', versions: [\"3.16\"]}\n");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("config.yaml is not YAML");
    assertNothingPublished();
  }

  @Test
  void aBrokenTarballInALocalRDirectoryIsRefusedNamingItAndNothingIsPublished() throws Exception {
    Path dir = tmp.resolve("internal-r");
    CranPackage.of("good", "1.0").writeTo(dir);
    Path cut = CranPackage.of("cut", "1.0").writeTo(dir);
    byte[] whole = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

    ProcessRunner.Result r = sync("  - {name: internal-r, type: local-r, path: '" + dir + "'}\n");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("cut_1.0.tar.gz: not a readable tarball");
    assertNothingPublished();
  }

  @Test
  void aBrokenWheelInALocalPythonDirectoryIsRefusedNamingItAndNothingIsPublished()
      throws Exception {
    LocalPythonDir dir = new LocalPythonDir(tmp.resolve("internal-py"));
    dir.add(PypiFile.wheel("good-tool", "1.0"));
    Path cut = dir.add(PypiFile.wheel("cut-tool", "1.0"));
    byte[] whole = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

    ProcessRunner.Result r =
        sync("  - {name: internal-py, type: local-python, path: '" + dir.dir() + "'}\n");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .contains(cut.getFileName() + ": expected a wheel (a zip archive), but it cannot be read");
    assertNothingPublished();
  }
}
