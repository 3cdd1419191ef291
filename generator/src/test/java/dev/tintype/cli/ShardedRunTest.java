package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --shard I/N --run ID} on N processes, then {@code publish}, on a filesystem. */
class ShardedRunTest {
  private static final String DATE = "2026-12-01";

  @TempDir Path dir;
  private CranUpstream upstream;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void upstream() throws Exception {
    upstream = new CranUpstream(dir.resolve("upstream"));
    for (int i = 0; i < 12; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('a' + i), "1." + i));
    }
    upstream.write();
  }

  private Path config(String name, String upstreamUrl) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\n"
            + "repos: [{name: cran, type: cran, upstream: '"
            + upstreamUrl
            + "'}]\n");
    return config;
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private void ok(String... args) {
    assertThat(run(args)).as(String.join(" ", args) + "\n" + out + err).isZero();
  }

  private void shard(Path config, int i, int n, String run) {
    shard(config, DATE, i, n, run);
  }

  private void shard(Path config, String date, int i, int n, String run) {
    ok("sync", "--config", config.toString(), "--date", date, "--shard", i + "/" + n, "--run", run);
  }

  private void published(Path config, String date, int n, String run, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "publish",
                "--config",
                config.toString(),
                "--date",
                date,
                "--run",
                run,
                "--shards",
                "" + n));
    args.addAll(List.of(more));
    ok(args.toArray(String[]::new));
  }

  /** Every shard of a run, then its publish. */
  private void shardsAndPublish(Path config, String date, int n, String run) {
    for (int i = 0; i < n; i++) {
      shard(config, date, i, n, run);
    }
    published(config, date, n, run);
  }

  private int publish(Path config, int n, String run) {
    return run(
        "publish", "--config", config.toString(), "--date", DATE, "--run", run, "--shards", "" + n);
  }

  private static byte[] manifest(Path config) throws Exception {
    return Files.readAllBytes(root(config).resolve("cran/" + DATE + "/manifest.json"));
  }

  private static Path root(Path config) {
    return config.resolveSibling(config.getFileName().toString().replace(".yaml", ""));
  }

  @Test
  void threeShardsAndAPublishGiveTheManifestOfASingleSyncByteForByte() throws Exception {
    String url = upstream.root().toUri().toString();
    Path single = config("single", url);
    ok("sync", "--config", single.toString(), "--date", DATE);

    Path sharded = config("sharded", url);
    for (int i = 0; i < 3; i++) {
      shard(sharded, i, 3, "nightly-" + DATE);
    }
    assertThat(root(sharded).resolve("cran/" + DATE)).as("shards publish nothing").doesNotExist();
    assertThat(publish(sharded, 3, "nightly-" + DATE)).as(out + "\n" + err).isZero();

    assertThat(manifest(sharded)).isEqualTo(manifest(single));
    assertThat(Files.readString(root(sharded).resolve("cran/" + DATE + "/src/contrib/PACKAGES")))
        .isEqualTo(
            Files.readString(root(single).resolve("cran/" + DATE + "/src/contrib/PACKAGES")));
    assertThat(Files.readSymbolicLink(root(sharded).resolve("cran/latest")).toString())
        .isEqualTo(DATE);
  }

  @Test
  void pypiShardsAndAPublishGiveTheManifestsOfSingleSyncsNightAfterNight() throws Exception {
    PypiUpstream pypi = new PypiUpstream(dir.resolve("pypi-upstream"));
    StringBuilder projects = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      pypi.add("Proj." + i, PypiFile.wheel("proj-" + i, "1.0"));
      pypi.add("Proj." + i, PypiFile.sdist("proj-" + i, "1.0"));
      projects.append(i == 0 ? "" : ", ").append("Proj.").append(i);
    }
    pypi.write();
    try (FakeUpstream server = FakeUpstream.serve(pypi.root())) {
      pypiNights(pypi, server, projects.toString());
    }
  }

  private void pypiNights(PypiUpstream pypi, FakeUpstream server, String projects)
      throws Exception {
    String repos =
        "repos: [{name: pypi, type: pypi, upstream: '"
            + server.url()
            + "', projects: ["
            + projects
            + "]}]\n";
    Path single = pypiConfig("single", repos);
    Path sharded = pypiConfig("sharded", repos);
    String[] nights = {"2026-12-01", "2026-12-02"};
    for (String night : nights) {
      ok("sync", "--config", single.toString(), "--date", night);
      for (int i = 0; i < 3; i++) {
        shard(sharded, night, i, 3, "r-" + night);
      }
      server.resetCounts();
      published(sharded, night, 3, "r-" + night);
      assertThat(server.fileDownloads()).as("publish downloads no file").isZero();
      assertThat(Files.readAllBytes(root(sharded).resolve("pypi/" + night + "/manifest.json")))
          .as(night)
          .isEqualTo(Files.readAllBytes(root(single).resolve("pypi/" + night + "/manifest.json")));
      // The next night, one project has a new release.
      pypi.add("Proj.3", PypiFile.wheel("proj-3", "2.0")).write();
    }
  }

  private Path pypiConfig(String name, String repos) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, "storage: {filesystem: " + root + "}\n" + repos);
    return config;
  }

  @Test
  void theCommandLinesOfTheKubernetesPodsRunAShardedRunToItsPublish() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    // 29412345 minutes after the epoch is 2025-12-03T05:45Z, the scheduled time of the Jobs.
    for (String pod : List.of("sync:0", "sync:1", "sync:2", "publish:")) {
      String[] modeAndIndex = pod.split(":", -1);
      Map<String, String> env = new HashMap<>();
      env.put("SHARDS", "3");
      env.put("NIGHTLY_DRY_RUN", "1");
      env.put("TINTYPE_CONFIG", config.toString());
      env.put("JOB_NAME", "tintype-" + modeAndIndex[0] + "-29412345");
      if (!modeAndIndex[1].isEmpty()) {
        env.put("JOB_COMPLETION_INDEX", modeAndIndex[1]);
      }
      Path script = ExternalTools.repoRoot().resolve("scripts/kubernetes/nightly-run");
      String line =
          ProcessRunner.run(
                  Duration.ofSeconds(30), null, env, List.of(script.toString(), modeAndIndex[0]))
              .requireSuccess()
              .stdout()
              .strip();
      List<String> args = List.of(line.split(" "));
      assertThat(args.get(0)).endsWith("scripts/tintype");
      ok(args.subList(1, args.size()).toArray(String[]::new));
    }
    assertThat(root(config).resolve("cran/2025-12-03/manifest.json")).exists();
  }

  @Test
  void withCarryForwardAnUnfinishedShardsPackagesAreThoseOfThePreviousSnapshot() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    String night1 = "2026-11-30";
    shardsAndPublish(config, night1, 2, "r0");
    // Night two: every package has a new version; shard 1 never finishes.
    for (int i = 0; i < 12; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('a' + i), "2." + i));
    }
    upstream.write();
    shard(config, 0, 2, "r1");
    assertThat(publish(config, 2, "r1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("shard 1 has no result");
    published(config, DATE, 2, "r1", "--carry-forward");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("shards [1] of run r1 did not finish; their packages are carried");

    String packages =
        Files.readString(root(config).resolve("cran/" + DATE + "/src/contrib/PACKAGES"));
    for (int i = 0; i < 12; i++) {
      String name = "pkg" + (char) ('a' + i);
      String version = (dev.tintype.shard.ShardSpec.shardOf(name, 2) == 0 ? "2." : "1.") + i;
      assertThat(packages).as(name).contains("Package: " + name + "\nVersion: " + version + "\n");
      assertThat(
              root(config)
                  .resolve("cran/" + DATE + "/src/contrib/" + name + "_" + version + ".tar.gz"))
          .exists();
    }
    assertThat(new String(manifest(config), StandardCharsets.UTF_8))
        .contains("\"carried-forward\" : \"run r1: shards 1/2 from the previous snapshot\"");
  }

  @Test
  void withCarryForwardAnUnfinishedShardsPypiProjectsAreThoseOfThePreviousSnapshot()
      throws Exception {
    PypiUpstream pypi = new PypiUpstream(dir.resolve("pypi-upstream"));
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pypi.add("proj-" + i, PypiFile.wheel("proj-" + i, "1.0"));
      names.add("proj-" + i);
    }
    pypi.write();
    Path config =
        pypiConfig(
            "root",
            "repos: [{name: pypi, type: pypi, upstream: '"
                + pypi.root().toUri()
                + "', projects: ["
                + String.join(", ", names)
                + "]}]\n");
    String night1 = "2026-11-30";
    shardsAndPublish(config, night1, 2, "r0");
    for (String n : names) {
      pypi.add(n, PypiFile.wheel(n, "2.0"));
    }
    pypi.write();
    assertThat(names).extracting(n -> dev.tintype.shard.ShardSpec.shardOf(n, 2)).contains(0, 1);
    shard(config, 0, 2, "r1");
    published(config, DATE, 2, "r1", "--carry-forward");
    for (String n : names) {
      String page =
          Files.readString(root(config).resolve("pypi/" + DATE + "/simple/" + n + "/index.html"));
      boolean fresh = dev.tintype.shard.ShardSpec.shardOf(n, 2) == 0;
      assertThat(page.contains("-2.0-")).as(n + " has 2.0").isEqualTo(fresh);
      assertThat(page).as(n).contains("-1.0-");
    }
    assertThat(Files.readString(root(config).resolve("pypi/" + DATE + "/manifest.json")))
        .contains("run r1: shards 1/2 from the previous snapshot");
  }

  @Test
  void eachShardDownloadsOnlyItsShareAndPublishDownloadsNothing() throws Exception {
    try (FakeUpstream server = FakeUpstream.serve(upstream.root())) {
      Path config = config("root", server.url());
      int total = 0;
      for (int i = 0; i < 3; i++) {
        server.resetCounts();
        shard(config, i, 3, "r1");
        total += server.fileDownloads();
        assertThat(server.fileDownloads()).as("shard " + i).isLessThan(12);
      }
      assertThat(total).isEqualTo(12);
      server.resetCounts();
      assertThat(publish(config, 3, "r1")).as(out + "\n" + err).isZero();
      assertThat(server.fileDownloads()).isZero();

      // Run again, a shard fetches nothing it stored.
      server.resetCounts();
      shard(config, 1, 3, "r1");
      assertThat(server.fileDownloads()).isZero();
    }
  }

  @Test
  void publishRefusesNamingTheShardsThatHaveNoResultAndPublishesNothing() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    shard(config, 0, 3, "r1");
    shard(config, 2, 3, "r1");
    assertThat(publish(config, 3, "r1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("run r1 cannot be published: shard 1 has no result");
    assertThat(root(config).resolve("cran/" + DATE)).doesNotExist();

    shard(config, 1, 3, "r1");
    assertThat(publish(config, 3, "r1")).as(out + "\n" + err).isZero();
  }

  @Test
  void publishRefusesShardsPlannedAgainstDifferentUpstreams() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    shard(config, 0, 2, "r1");
    upstream.add(CranPackage.of("pkga", "2.0")).write();
    shard(config, 1, 2, "r1");
    assertThat(publish(config, 2, "r1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("shards 0 and 1 planned cran/src/contrib against different upstream indexes");
    assertThat(root(config).resolve("cran/" + DATE)).doesNotExist();
  }

  @Test
  void publishBuildsFromWhatTheShardsReadWithUpstreamStoppedAndChangedSince() throws Exception {
    Path single = config("single", upstream.root().toUri().toString());
    ok("sync", "--config", single.toString(), "--date", DATE);
    Path sharded;
    try (FakeUpstream server = FakeUpstream.serve(upstream.root())) {
      sharded = config("sharded", server.url());
      for (int i = 0; i < 3; i++) {
        shard(sharded, i, 3, "r1");
      }
    }
    // Upstream changes after the shards, and is down when the publish runs.
    upstream.add(CranPackage.of("pkgm", "1.0")).write();
    published(sharded, DATE, 3, "r1");

    assertThat(manifest(sharded)).isEqualTo(manifest(single));
    assertThat(root(sharded).resolve(".tintype/runs/r1/upstream"))
        .as("the index all three shards read is stored once")
        .isDirectoryContaining(p -> true);
    try (var stored = Files.list(root(sharded).resolve(".tintype/runs/r1/upstream"))) {
      assertThat(stored.count()).isEqualTo(1);
    }
  }

  @Test
  void pypiPublishAsksUpstreamNothingAndGivesTheManifestOfASingleSyncOnTheSecondNight()
      throws Exception {
    PypiUpstream pypi = new PypiUpstream(dir.resolve("pypi-upstream"));
    List<String> names = new java.util.ArrayList<>();
    // 100 projects or more: upstream's project list gives the serials, so the second night
    // carries unchanged projects unread.
    for (int i = 0; i < 100; i++) {
      pypi.add("p" + i, PypiFile.wheel("p" + i, "1.0"));
      names.add("p" + i);
    }
    pypi.write();
    try (FakeUpstream server = FakeUpstream.serve(pypi.root())) {
      String repos =
          "repos: [{name: pypi, type: pypi, upstream: '"
              + server.url()
              + "', projects: ["
              + String.join(", ", names)
              + "]}]\n";
      Path single = pypiConfig("single", repos);
      Path sharded = pypiConfig("sharded", repos);
      String[] nights = {"2026-12-01", "2026-12-02"};
      for (String night : nights) {
        ok("sync", "--config", single.toString(), "--date", night);
        for (int i = 0; i < 3; i++) {
          shard(sharded, night, i, 3, "r-" + night);
        }
        // Upstream changes after the shards: a publish that read it would differ.
        pypi.add("p7", PypiFile.wheel("p7", "9." + night.substring(8))).write();
        server.resetCounts();
        published(sharded, night, 3, "r-" + night);
        assertThat(server.requests()).as("publish asks upstream nothing").isEmpty();
        assertThat(Files.readAllBytes(root(sharded).resolve("pypi/" + night + "/manifest.json")))
            .as(night)
            .isEqualTo(
                Files.readAllBytes(root(single).resolve("pypi/" + night + "/manifest.json")));
      }
    }
  }

  @Test
  void publishRefusesAShardResultThatDoesNotMatchItsStoredIndex() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    shard(config, 0, 2, "r1");
    shard(config, 1, 2, "r1");
    try (var stored = Files.list(root(config).resolve(".tintype/runs/r1/upstream"))) {
      Path index = stored.findFirst().orElseThrow();
      // A damaged copy: another index under the digest the shards recorded.
      upstream.add(CranPackage.of("pkgm", "1.0")).write();
      Files.copy(
          upstream.root().resolve("src/contrib/PACKAGES.gz"),
          index,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(publish(config, 2, "r1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the index stored by the shards of run r1 does not give the digest");
    assertThat(root(config).resolve("cran/" + DATE)).doesNotExist();
  }

  @Test
  void aShardRecordsItsFailureAndPublishNamesIt() throws Exception {
    Path config = config("root", upstream.root().toUri().toString());
    // A tarball that does not match its MD5sum fails the shard that owns it.
    Path victim = upstream.tarball("pkgc");
    Files.write(victim, new byte[] {1, 2, 3});
    int failed = -1;
    for (int i = 0; i < 2; i++) {
      int code =
          run(
              "sync",
              "--config",
              config.toString(),
              "--date",
              DATE,
              "--shard",
              i + "/2",
              "--run",
              "r1");
      if (code != 0) {
        failed = i;
      }
    }
    assertThat(failed).as("one shard owns pkgc and fails").isNotNegative();
    assertThat(publish(config, 2, "r1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("shard " + failed + " failed (cran: ")
        .contains("pkgc");
  }
}
