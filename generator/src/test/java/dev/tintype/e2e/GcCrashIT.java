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

/** SIGKILL a real gc at several points: every kept snapshot verifies and the next gc finishes. */
@Tag("e2e")
class GcCrashIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"gc:snapshot:1", "gc:snapshot:2", "gc:pool:1", "gc:pool:3"})
  void aGcKilledMidwayLeavesEveryKeptSnapshotVerifyingAndTheNextGcFinishes(String point)
      throws Exception {
    Path up = tmp.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}]\ndownload: {parallel: 1}\nretention: {daily: 1}\n");
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < 3; i++) {
        upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1." + day + "." + i).sizeKiB(16));
      }
      upstream.write();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-2" + day).requireSuccess();
    }

    Process p = Cli.startStalled(point, "gc", "--config", config.toString());
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    ProcessRunner.Result v = Cli.run("verify", "--config", config.toString());
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
    assertThat(v.stdout()).contains("cran/2026-11-22: ok");

    ProcessRunner.Result gc = Cli.run("gc", "--config", config.toString());
    assertThat(gc.exitCode()).as(gc.stdout() + gc.stderr()).isZero();
    ProcessRunner.Result v2 = Cli.run("verify", "--config", config.toString()).requireSuccess();
    assertThat(v2.stdout()).contains("cran/2026-11-22: ok").doesNotContain("cran/2026-11-20");
    ProcessRunner.Result again = Cli.run("gc", "--config", config.toString(), "--dry-run");
    assertThat(again.stdout()).contains("would delete 0 snapshot(s)").contains("0 pool file(s)");
    assertThat(root.resolve(".tintype/trash/cran").toFile().list()).isEmpty();
  }
}
