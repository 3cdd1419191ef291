package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3 fails part way through a real sync: published snapshots survive and a rerun finishes. */
@Tag("e2e")
class S3FaultIT {
  @TempDir Path tmp;
  private Path config;
  private CranUpstream upstream;

  @BeforeEach
  void firstSnapshot() throws Exception {
    Path up = tmp.resolve("upstream");
    upstream = new CranUpstream(up);
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1.0." + i).sizeKiB(64));
    }
    upstream.write();
    config = tmp.resolve("tintype.yaml");
  }

  private void writeConfig(S3ProxyServer s3) throws Exception {
    Files.writeString(
        config,
        S3Cli.storageYaml(s3, "pkgs", "")
            + "repos: [{name: cran, type: cran, upstream: '"
            + upstream.root().toUri()
            + "'}]\ndownload: {parallel: 1}\n");
  }

  private void newVersions() throws Exception {
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "2.0." + i).sizeKiB(64));
    }
    upstream.write();
  }

  private void previousSnapshotIntactAndNewOneUnlisted(S3ProxyServer s3) throws Exception {
    ProcessRunner.Result v = S3Cli.run(s3, "verify", "--config", config.toString());
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
    assertThat(v.stdout()).contains("cran/2026-11-20: ok").doesNotContain("2026-11-21");
    assertThat(S3Cli.run(s3, "list", "--config", config.toString()).requireSuccess().stdout())
        .containsPattern("cran +2026-11-20 .*\\(latest\\)")
        .doesNotContain("2026-11-21");
  }

  private void rerunCompletes(S3ProxyServer s3, String... extra) throws Exception {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of("sync", "--config", config.toString(), "--date", "2026-11-21"));
    args.addAll(java.util.List.of(extra));
    ProcessRunner.Result rerun = S3Cli.run(s3, args.toArray(String[]::new));
    assertThat(rerun.exitCode()).as(rerun.stdout() + rerun.stderr()).isZero();
    assertThat(S3Cli.run(s3, "verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("cran/2026-11-20: ok")
        .contains("cran/2026-11-21: ok");
    assertThat(S3Cli.run(s3, "list", "--config", config.toString()).requireSuccess().stdout())
        .containsPattern("cran +2026-11-21 .*\\(latest\\)");
  }

  @Test
  void theServerDyingMidSyncDamagesNothingAndTheRerunCompletesAfterBreakingTheLock()
      throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("pkgs", false);
      writeConfig(s3);
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      newVersions();
      s3.stopAfterPuts(4); // the lock, then three of the six new pool objects
      ProcessRunner.Result cut =
          S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-21");
      assertThat(cut.exitCode()).as(cut.stdout() + cut.stderr()).isNotZero();
      assertThat(cut.stderr())
          .contains("cannot reach the S3 endpoint")
          .contains("published snapshots are intact");
      s3.restart();
      previousSnapshotIntactAndNewOneUnlisted(s3);

      // The dead run could not delete its lock object: the rerun says whose it is and what to do.
      ProcessRunner.Result locked =
          S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-21");
      assertThat(locked.exitCode()).isNotZero();
      assertThat(locked.stderr()).contains("locked by another sync").contains("--break-lock");
      s3.resetCounts();
      rerunCompletes(s3, "--break-lock");
      // Three pool objects made it before the cut: the rerun uploads only the other three.
      assertThat(s3.puts()).filteredOn(k -> k.startsWith("pool/")).hasSize(3);
    }
  }

  @Test
  void aPutThatKeepsFailingStopsTheSyncWithoutPublishingAndTheRerunCompletes() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("pkgs", false);
      writeConfig(s3);
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      newVersions();
      s3.failPuts(k -> k.equals("cran/2026-11-21/src/contrib/PACKAGES.gz"));
      ProcessRunner.Result failed =
          S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-21");
      assertThat(failed.exitCode()).as(failed.stdout() + failed.stderr()).isNotZero();
      assertThat(failed.stderr())
          .contains("s3://pkgs/cran/2026-11-21/src/contrib/PACKAGES.gz")
          .contains("HTTP 500")
          .contains("published snapshots are intact");
      previousSnapshotIntactAndNewOneUnlisted(s3);
      s3.failPuts(k -> false);
      s3.resetCounts();
      rerunCompletes(s3);
      assertThat(s3.puts()).noneMatch(k -> k.startsWith("pool/"));
    }
  }
}
