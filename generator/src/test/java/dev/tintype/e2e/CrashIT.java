package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGKILL a real sync at several points: published snapshots survive and a rerun finishes. */
@Tag("e2e")
class CrashIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"download:2", "index", "commit", "latest"})
  void aSyncKilledMidwayLeavesPublishedSnapshotsIntactAndARerunCompletes(String point)
      throws Exception {
    Path up = tmp.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1.0." + i).sizeKiB(64));
    }
    upstream.write();
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}]\ndownload: {parallel: 1}\n");
    Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "2.0." + i).sizeKiB(64));
    }
    upstream.write();

    Process p =
        Cli.startStalled(point, "sync", "--config", config.toString(), "--date", "2026-11-21");
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    ProcessRunner.Result v = Cli.run("verify", "--config", config.toString());
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
    assertThat(v.stdout()).contains("cran/2026-11-20: ok");
    if (!point.equals("latest")) {
      assertThat(v.stdout()).doesNotContain("cran/2026-11-21");
      assertThat(Files.readSymbolicLink(root.resolve("cran/latest")).toString())
          .isEqualTo("2026-11-20");
    }

    ProcessRunner.Result rerun =
        Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21");
    assertThat(rerun.exitCode()).as(rerun.stdout() + rerun.stderr()).isZero();
    ProcessRunner.Result v2 = Cli.run("verify", "--config", config.toString()).requireSuccess();
    assertThat(v2.stdout()).contains("cran/2026-11-20: ok").contains("cran/2026-11-21: ok");
    assertThat(Files.readSymbolicLink(root.resolve("cran/latest")).toString())
        .isEqualTo("2026-11-21");
    try (var left = Files.list(root.resolve(".tintype/tmp/cran"))) {
      assertThat(left).as("downloads left by the killed run").isEmpty();
    }
    assertThat(root.resolve(".tintype/staging/cran/2026-11-21")).doesNotExist();
  }
}
