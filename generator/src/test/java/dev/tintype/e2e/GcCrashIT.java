package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGKILL a real gc at several points: every kept snapshot verifies and the next gc finishes. */
@Tag("e2e")
class GcCrashIT {
  @TempDir Path tmp;

  /** Runs the packaged CLI on one storage. */
  private interface Runner {
    ProcessRunner.Result run(String... args) throws IOException;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gc:snapshot:1", "gc:snapshot:2", "gc:pool:1", "gc:pool:3"})
  void aGcKilledMidwayLeavesEveryKeptSnapshotVerifyingAndTheNextGcFinishes(String point)
      throws Exception {
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    killAndRecover(point, config, "storage: {filesystem: " + root + "}\n", Map.of(), Cli::run);
    assertThat(root.resolve(".tintype/trash/cran").toFile().list()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gc:snapshot:1", "gc:pool:3"})
  void theSameOnS3AfterTheKilledGcsLockIsBroken(String point) throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("pkgs", false);
      Path config = tmp.resolve("tintype.yaml");
      killAndRecover(
          point,
          config,
          S3Cli.storageYaml(s3, "pkgs", "mirror/"),
          s3.credentialsEnvironment(),
          args -> S3Cli.run(s3, args));
    }
  }

  /**
   * Publishes three days of a repository keeping one, kills a gc at {@code point}, then checks that
   * every kept snapshot verifies, that the next gc finishes and leaves nothing to do.
   */
  private void killAndRecover(
      String point, Path config, String storageYaml, Map<String, String> env, Runner cli)
      throws Exception {
    Path up = tmp.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    Files.writeString(
        config,
        storageYaml
            + "repos: [{name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}]\ndownload: {parallel: 1}\nretention: {daily: 1}\n");
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < 3; i++) {
        upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1." + day + "." + i).sizeKiB(16));
      }
      upstream.write();
      cli.run("sync", "--config", config.toString(), "--date", "2026-11-2" + day).requireSuccess();
    }

    Process p = Cli.startStalled(env, point, "gc", "--config", config.toString());
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    ProcessRunner.Result v = cli.run("verify", "--config", config.toString());
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
    assertThat(v.stdout()).contains("cran/2026-11-22: ok");

    // On S3 the killed gc's lock objects stay until broken; a directory's locks die with it.
    List<String> gc = new ArrayList<>(List.of("gc", "--config", config.toString()));
    if (!env.isEmpty()) {
      gc.add("--break-lock");
    }
    ProcessRunner.Result r = cli.run(gc.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    ProcessRunner.Result v2 = cli.run("verify", "--config", config.toString()).requireSuccess();
    assertThat(v2.stdout()).contains("cran/2026-11-22: ok").doesNotContain("cran/2026-11-20");
    ProcessRunner.Result again = cli.run("gc", "--config", config.toString(), "--dry-run");
    assertThat(again.stdout()).contains("would delete 0 snapshot(s)").contains("0 pool file(s)");
  }
}
