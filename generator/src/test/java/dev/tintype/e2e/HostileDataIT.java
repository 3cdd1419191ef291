package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.hostile.HostileUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI against a hostile upstream, on a heap far smaller than what the upstream sends: it
 * must fail with a message naming the thing and the limit, not with an OutOfMemoryError, and leave
 * what was published before as it was.
 */
class HostileDataIT {
  /** A small heap, and a JVM that says so and exits 3 rather than limping on after running out. */
  private static final List<String> SMALL_HEAP = List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError");

  @TempDir Path tmp;

  @Test
  void aGzipBombOfZerosFailsNamingTheIndexAndTheLimitAndLeavesTheBaselineAsItWas()
      throws Exception {
    try (HostileUpstream server = cranUpstream()) {
      Path config = cranConfig(server);
      sync(config, "2026-11-20").requireSuccess();
      byte[] manifest = Files.readAllBytes(root().resolve("cran/2026-11-20/manifest.json"));

      server.cranPackagesBomb();
      ProcessRunner.Result r = sync(config, "2026-11-21");

      assertFailedCleanly(r);
      assertThat(r.stderr())
          .contains(server.url() + "/src/contrib/PACKAGES.gz")
          .contains("larger than 4194304 bytes");
      assertBaselineIntact(config, manifest);
    }
  }

  @Test
  void aGzipBombOfEmptyLinesFailsAtTheIndexLimitNamingItsKey() throws Exception {
    try (HostileUpstream server = cranUpstream()) {
      // The configured limit, lower than the default 1G, so the bomb is refused in seconds.
      Path config = cranConfig(server, "limits: {max-index-size: 64M}\n");
      sync(config, "2026-11-20").requireSuccess();
      byte[] manifest = Files.readAllBytes(root().resolve("cran/2026-11-20/manifest.json"));

      server.gzipBomb("/src/contrib/PACKAGES.gz", 5L << 30, (byte) '\n');
      ProcessRunner.Result r = sync(config, "2026-11-21");

      assertFailedCleanly(r);
      assertThat(r.stderr())
          .contains(server.url() + "/src/contrib/PACKAGES.gz (decompressed)")
          .contains("larger than the limit of 67108864 bytes (limits.max-index-size)");
      assertBaselineIntact(config, manifest);
    }
  }

  @Test
  void aGzipBombOfTinyRecordsFailsBeforeTheHeapRunsOut() throws Exception {
    try (HostileUpstream server = cranUpstream()) {
      Path config = cranConfig(server);
      sync(config, "2026-11-20").requireSuccess();
      byte[] manifest = Files.readAllBytes(root().resolve("cran/2026-11-20/manifest.json"));

      byte[] record = "Package: a\nVersion: 1.0\n\n".getBytes(StandardCharsets.US_ASCII);
      server.gzipBomb("/src/contrib/PACKAGES.gz", 5L << 30, record);
      ProcessRunner.Result r = sync(config, "2026-11-21");

      assertFailedCleanly(r);
      assertThat(r.stderr())
          .contains(server.url() + "/src/contrib/PACKAGES.gz: record ")
          .contains("half of this JVM's heap");
      assertBaselineIntact(config, manifest);
    }
  }

  @Test
  void anEndlessPypiPageFailsNamingTheProjectAndThePageLimit() throws Exception {
    Path up = tmp.resolve("upstream");
    PypiUpstream.demo(up);
    try (HostileUpstream server = HostileUpstream.serve(up)) {
      server.endlessPage("Demo.Pkg");
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root()
              + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
              + server.url()
              + "\n    projects: [Demo.Pkg, tiny_dep]\n");
      ProcessRunner.Result r = sync(config, "2026-11-20");

      assertFailedCleanly(r);
      assertThat(r.stderr()).contains("demo-pkg").contains("limits.max-page-size");
      assertThat(root().resolve("pypi/2026-11-20")).doesNotExist();
    }
  }

  private HostileUpstream cranUpstream() throws IOException {
    Path up = tmp.resolve("upstream");
    new CranUpstream(up)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
        .add(CranPackage.of("latinpkg", "0.5").latin1())
        .write();
    return HostileUpstream.serve(up);
  }

  private Path cranConfig(HostileUpstream server) throws IOException {
    return cranConfig(server, "");
  }

  private Path cranConfig(HostileUpstream server, String more) throws IOException {
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root()
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + server.url()
            + "'}]\n"
            + more);
    return config;
  }

  private Path root() {
    return tmp.resolve("root");
  }

  private static ProcessRunner.Result sync(Path config, String date) throws IOException {
    return Cli.runJvm(SMALL_HEAP, "sync", "--config", config.toString(), "--date", date);
  }

  private static void assertFailedCleanly(ProcessRunner.Result r) {
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
    assertThat(r.stdout() + r.stderr())
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }

  private void assertBaselineIntact(Path config, byte[] manifest) throws IOException {
    assertThat(root().resolve("cran/2026-11-20/manifest.json")).hasBinaryContent(manifest);
    assertThat(root().resolve("cran/2026-11-21")).doesNotExist();
    assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("cran/2026-11-20: ok");
    assertThat(Cli.run("list", "--config", config.toString()).requireSuccess().stdout())
        .containsPattern("2026-11-20 .*\\(latest\\)")
        .doesNotContain("2026-11-21");
  }
}
