package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.layout.Layout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeUpstream upstream;
  private Path config;
  private Path metrics;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws IOException {
    CranUpstream.demo(dir.resolve("up"));
    upstream = FakeUpstream.serve(dir.resolve("up"));
    config = dir.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: root}\nrepos: [{name: cran, type: cran, upstream: '"
            + upstream.url()
            + "/'}]\n");
    metrics = dir.resolve("textfile").resolve("tintype.prom");
    Files.createDirectories(metrics.getParent());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private int sync(String date) {
    return run(
        "sync",
        "--config",
        config.toString(),
        "--date",
        date,
        "--metrics-file",
        metrics.toString());
  }

  /** The reports in .tintype/runs, oldest first. */
  private List<Path> reports() throws IOException {
    Path runs = dir.resolve("root").resolve(Layout.runs());
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.sorted().toList();
    }
  }

  private JsonNode newest() throws IOException {
    List<Path> r = reports();
    return JSON.readTree(r.get(r.size() - 1).toFile());
  }

  /** Bytes of the package files the fake upstream served, by the requests it counted. */
  private long servedBytes() throws IOException {
    long total = 0;
    for (String p : upstream.requests()) {
      if (p.endsWith(".tar.gz")) {
        total += Files.size(dir.resolve("up").resolve(p.substring(1)));
      }
    }
    return total;
  }

  private Map<String, Map<String, Double>> metrics() throws IOException {
    return dev.tintype.report.TextExpositionAccess.samples(Files.readString(metrics));
  }

  @Test
  void aSyncReportsWhatTheFakeUpstreamServedInTheRunReportAndTheMetricsFile() throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    assertThat(reports()).hasSize(1);
    assertThat(Layout.runOfReport(reports().get(0).getFileName().toString()).command())
        .isEqualTo("sync");
    JsonNode r = newest();
    assertThat(r.get("command").asText()).isEqualTo("sync");
    assertThat(r.get("exitStatus").asInt()).isZero();
    assertThat(r.get("failure").isNull()).isTrue();
    assertThat(r.get("arguments").toString()).contains("--metrics-file").contains("2026-11-20");
    assertThat(Instant.parse(r.get("end").asText()))
        .isAfterOrEqualTo(Instant.parse(r.get("start").asText()));
    JsonNode cran = r.get("repos").get(0);
    long served = servedBytes();
    assertThat(upstream.fileDownloads()).isEqualTo(5);
    assertThat(cran.get("repo").asText()).isEqualTo("cran");
    assertThat(cran.get("status").asText()).isEqualTo("published");
    assertThat(cran.get("packages").asInt()).isEqualTo(5);
    assertThat(cran.get("files").asLong()).isEqualTo(5);
    assertThat(cran.get("downloaded").asLong()).isEqualTo(upstream.fileDownloads());
    assertThat(cran.get("bytesDownloaded").asLong()).isEqualTo(served).isPositive();
    assertThat(cran.get("bytesStored").asLong()).isEqualTo(served);
    assertThat(cran.get("carried").asLong()).isZero();
    assertThat(cran.get("failures")).isEmpty();
    assertThat(cran.get("phases").fieldNames())
        .toIterable()
        .contains("download", "index", "commit", "latest");

    Map<String, Map<String, Double>> m = metrics();
    assertThat(m.get("tintype_last_run_downloaded_bytes")).containsEntry("cran", (double) served);
    assertThat(m.get("tintype_last_run_downloaded_files")).containsEntry("cran", 5.0);
    assertThat(m.get("tintype_packages")).containsEntry("cran", 5.0);
    assertThat(m.get("tintype_last_run_failures")).containsEntry("cran", 0.0);
    assertThat(m.get("tintype_pool_bytes")).containsEntry("cran", (double) served);
    double end = Instant.parse(r.get("end").asText()).toEpochMilli() / 1000.0;
    assertThat(m.get("tintype_last_success_timestamp_seconds").get("cran"))
        .isCloseTo(end, org.assertj.core.data.Offset.offset(0.001));

    upstream.resetCounts();
    assertThat(sync("2026-11-21")).isZero();
    JsonNode again = newest().get("repos").get(0);
    assertThat(upstream.fileDownloads()).isZero();
    assertThat(again.get("downloaded").asLong()).isZero();
    assertThat(again.get("bytesDownloaded").asLong()).isZero();
    assertThat(again.get("carried").asLong()).isEqualTo(5);
    assertThat(metrics().get("tintype_last_run_downloaded_bytes")).containsEntry("cran", 0.0);
  }

  @Test
  void aFailingSyncWritesAReportWithTheFailureAndTheMetricsKeepTheLastSuccess() throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    double success = metrics().get("tintype_last_success_timestamp_seconds").get("cran");
    upstream.failNext("/src/contrib/PACKAGES.gz", 100, 404);
    upstream.failNext("/src/contrib/PACKAGES", 100, 404);
    assertThat(sync("2026-11-21")).isEqualTo(1);
    assertThat(reports()).hasSize(2);
    JsonNode r = newest();
    assertThat(r.get("exitStatus").asInt()).isEqualTo(1);
    assertThat(r.get("failure").asText()).contains("PACKAGES");
    JsonNode cran = r.get("repos").get(0);
    assertThat(cran.get("status").asText()).isEqualTo("failed");
    assertThat(cran.get("failures").get(0).asText()).contains("PACKAGES");

    Map<String, Map<String, Double>> m = metrics();
    assertThat(m.get("tintype_last_success_timestamp_seconds")).containsEntry("cran", success);
    assertThat(m.get("tintype_last_run_timestamp_seconds").get("cran")).isGreaterThan(success);
    assertThat(m.get("tintype_last_run_failures")).containsEntry("cran", 1.0);
    try (Stream<Path> s = Files.list(metrics.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("tintype.prom");
    }
  }

  @Test
  void gcWritesARunReportButADryRunWritesNothing() throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    assertThat(run("gc", "--config", config.toString(), "--dry-run")).isZero();
    assertThat(reports()).hasSize(1);
    assertThat(run("gc", "--config", config.toString())).isZero();
    assertThat(reports()).hasSize(2);
    assertThat(newest().get("command").asText()).isEqualTo("gc");
    assertThat(newest().get("exitStatus").asInt()).isZero();
  }

  @Test
  void theOverviewListsTheExitCodes() {
    run("--help");
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("exit status:");
    for (ExitCode c : ExitCode.values()) {
      assertThat(help).containsPattern("\\n  " + c.code() + " +" + c.meaning());
    }
    assertThat(help.substring(help.indexOf("exit status:")).lines())
        .allMatch(l -> l.length() <= 80);
  }

  @Test
  void gcPrunesRunReportsOlderThanTheConfiguredAgeAndADryRunOnlyCountsThem() throws IOException {
    Files.writeString(
        config, Files.readString(config) + "retention: {daily: all, run-reports: 30d}\n");
    assertThat(sync("2026-11-20")).isZero();
    Path runs = dir.resolve("root").resolve(Layout.runs());
    Instant now = Instant.now();
    String old =
        Path.of(Layout.runReport(now.minus(java.time.Duration.ofDays(31)), "sync"))
            .getFileName()
            .toString();
    String young =
        Path.of(Layout.runReport(now.minus(java.time.Duration.ofDays(29)), "gc"))
            .getFileName()
            .toString();
    Files.writeString(runs.resolve(old), "{}");
    Files.writeString(runs.resolve(young), "{}");
    Files.writeString(runs.resolve("notes.txt"), "not a run report");

    assertThat(run("gc", "--config", config.toString(), "--dry-run")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("gc: would delete 1 run report(s) older than 30 days");
    assertThat(runs.resolve(old)).exists();

    assertThat(run("gc", "--config", config.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("gc: deleted 1 run report(s) older than 30 days");
    assertThat(runs.resolve(old)).doesNotExist();
    assertThat(runs.resolve(young)).exists();
    assertThat(runs.resolve("notes.txt")).exists();
    // The sync's report and the gc's own stay: 3 reports and the notes.
    try (Stream<Path> s = Files.list(runs)) {
      assertThat(s.count()).isEqualTo(4);
    }
  }

  @Test
  void gcMetricsGiveTheWholePoolAsTheFakeUpstreamServedItAndTheSnapshotCounts() throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    long served = servedBytes();
    int files = upstream.fileDownloads();
    assertThat(sync("2026-11-21")).isZero();
    assertThat(
            run(
                "gc",
                "--config",
                config.toString(),
                "--metrics-file",
                metrics.toString(),
                "--quiet"))
        .isZero();
    Map<String, Map<String, Double>> m = metrics();
    assertThat(m.get("tintype_pool_total_files")).containsEntry("", (double) files);
    assertThat(m.get("tintype_pool_total_bytes")).containsEntry("", (double) served);
    assertThat(m.get("tintype_snapshots")).containsEntry("cran", 2.0);
    assertThat(m.get("tintype_command_last_run_exit_status"))
        .containsEntry("gc", 0.0)
        .containsEntry("sync", 0.0);
    // The sync's series stay.
    assertThat(m.get("tintype_packages")).containsEntry("cran", 5.0);
    JsonNode report = newest();
    assertThat(report.get("command").asText()).isEqualTo("gc");
    assertThat(report.get("pool").get("files").asLong()).isEqualTo(files);
    assertThat(report.get("pool").get("bytes").asLong()).isEqualTo(served);
    assertThat(report.get("snapshots").get("cran").asInt()).isEqualTo(2);
  }

  @Test
  void theIndexPhaseSummaryCountsTheSnapshotsOwnFilesTheManifestLists() throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    Path manifest =
        dir.resolve("root")
            .resolve(
                Layout.manifest(
                    new dev.tintype.format.layout.RepoName("cran"),
                    dev.tintype.format.layout.SnapshotDate.parse("2026-11-20")));
    JsonNode files = JSON.readTree(manifest.toFile()).get("files");
    long bytes = 0;
    int count = 0;
    for (JsonNode f : files) {
      // The browsable page is written at commit, after the index phase, and the Archive's Meta
      // files in the Archive's own phase, after it too.
      String path = f.get("path").asText();
      if (!path.equals("index.html") && !path.startsWith("src/contrib/Meta/")) {
        count++;
        bytes += f.get("size").asLong();
      }
    }
    assertThat(count).isPositive();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[cran] index done: " + count + ", " + Invocation.human(bytes) + " in ");
  }

  @Test
  void exportAndImportWriteTheirCommandSeriesAndSnapshotCountsToTheMetricsFile()
      throws IOException {
    assertThat(sync("2026-11-20")).isZero();
    long served = servedBytes();
    Path bundle = dir.resolve("bundle");
    assertThat(
            run(
                "export",
                "--config",
                config.toString(),
                "--out",
                bundle.toString(),
                "--metrics-file",
                metrics.toString()))
        .isZero();
    assertThat(newest().get("command").asText()).isEqualTo("export");
    Map<String, Map<String, Double>> m = metrics();
    assertThat(m.get("tintype_command_last_run_exit_status"))
        .containsEntry("sync", 0.0)
        .containsEntry("export", 0.0);
    assertThat(m.get("tintype_snapshots")).containsEntry("cran", 1.0);

    Path other = dir.resolve("other.yaml");
    Files.writeString(
        other, Files.readString(config).replace("filesystem: root", "filesystem: root2"));
    Path otherMetrics = metrics.resolveSibling("other.prom");
    assertThat(
            run(
                "import",
                "--config",
                other.toString(),
                "--metrics-file",
                otherMetrics.toString(),
                bundle.toString()))
        .isZero();
    Map<String, Map<String, Double>> im =
        dev.tintype.report.TextExpositionAccess.samples(Files.readString(otherMetrics));
    assertThat(im.get("tintype_command_last_run_exit_status"))
        .containsExactly(Map.entry("import", 0.0));
    assertThat(im.get("tintype_snapshots")).containsExactly(Map.entry("cran", 1.0));
    assertThat(im.get("tintype_command_last_success_timestamp_seconds")).containsKey("import");
    // The import stored every file the upstream served to the sync, from the bundle.
    assertThat(im.get("tintype_packages")).containsEntry("cran", 5.0);
    assertThat(im.get("tintype_last_run_downloaded_bytes")).containsEntry("cran", (double) served);
    Path runs = dir.resolve("root2").resolve(Layout.runs());
    JsonNode imported;
    try (Stream<Path> s = Files.list(runs)) {
      imported = JSON.readTree(s.findFirst().orElseThrow().toFile());
    }
    assertThat(imported.get("command").asText()).isEqualTo("import");
    JsonNode cran = imported.get("repos").get(0);
    assertThat(cran.get("status").asText()).isEqualTo("published");
    assertThat(cran.get("packages").asInt()).isEqualTo(5);
    assertThat(cran.get("files").asLong()).isEqualTo(5);
    assertThat(cran.get("downloaded").asLong()).isEqualTo(5);
    assertThat(cran.get("bytesDownloaded").asLong()).isEqualTo(served);
    assertThat(cran.get("bytesStored").asLong()).isEqualTo(served);
    assertThat(cran.get("carried").asLong()).isZero();
  }
}
