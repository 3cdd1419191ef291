package dev.tintype.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
  @TempDir Path dir;

  private static RunReport.Repo repo(String name, String status) {
    return new RunReport.Repo(
        name,
        status,
        5,
        7,
        3,
        1234,
        5678,
        4,
        status.equals("failed") ? List.of("boom") : List.of(),
        Map.of("download", 1.5, "index", 0.25));
  }

  private static RunReport report(String end, RunReport.Repo... repos) {
    return new RunReport(
        RunReport.FORMAT,
        "sync",
        List.of(),
        "2026-12-01T00:00:00Z",
        end,
        0,
        null,
        List.of(repos),
        Map.of(),
        null);
  }

  @Test
  void aLabelValueWithQuoteBackslashAndNewlineIsEscapedAndParsesBack() throws IOException {
    String odd = "we\"ird\\na\nme";
    Path f = dir.resolve("tintype.prom");
    MetricsFile.write(f, report("2026-12-01T00:01:40Z", repo(odd, "published")));
    TextExposition.Parsed p = TextExposition.parse(Files.readString(f));
    assertThat(p.samples().get("tintype_packages")).containsEntry(odd, 5.0);
    assertThat(p.samples().get("tintype_last_success_timestamp_seconds"))
        .containsEntry(odd, 1796083300.0);
    assertThat(p.samples().get("tintype_last_run_duration_seconds")).containsEntry(odd, 1.75);
  }

  @Test
  void everyMetricHasHelpAndTypeAndTheTintypePrefix() throws IOException {
    Path f = dir.resolve("tintype.prom");
    MetricsFile.write(f, report("2026-12-01T00:01:40Z", repo("cran", "published")));
    TextExposition.Parsed p = TextExposition.parse(Files.readString(f));
    assertThat(p.types().keySet()).allMatch(n -> n.startsWith("tintype_"));
    assertThat(p.help().keySet()).isEqualTo(p.types().keySet());
    assertThat(p.types().keySet()).containsAll(p.samples().keySet());
    assertThat(p.samples().keySet())
        .contains(
            "tintype_last_success_timestamp_seconds",
            "tintype_last_run_timestamp_seconds",
            "tintype_last_run_duration_seconds",
            "tintype_last_run_downloaded_bytes",
            "tintype_packages",
            "tintype_last_run_failures",
            "tintype_pool_bytes");
  }

  @Test
  void aFailedRunKeepsTheLastSuccessAndTheSnapshotSeriesOfTheFileItReplaces() throws IOException {
    Path f = dir.resolve("tintype.prom");
    MetricsFile.write(
        f, report("2026-12-01T00:01:40Z", repo("cran", "published"), repo("pypi", "published")));
    MetricsFile.write(f, report("2026-12-02T00:00:00Z", repo("cran", "failed")));
    TextExposition.Parsed p = TextExposition.parse(Files.readString(f));
    assertThat(p.samples().get("tintype_last_success_timestamp_seconds"))
        .containsEntry("cran", 1796083300.0)
        .containsEntry("pypi", 1796083300.0);
    assertThat(p.samples().get("tintype_last_run_timestamp_seconds"))
        .containsEntry("cran", 1796169600.0)
        .containsEntry("pypi", 1796083300.0);
    assertThat(p.samples().get("tintype_last_run_failures"))
        .containsEntry("cran", 1.0)
        .containsEntry("pypi", 0.0);
    // The snapshot published before the failure is still there, with its packages.
    assertThat(p.samples().get("tintype_packages"))
        .containsEntry("cran", 5.0)
        .containsEntry("pypi", 5.0);
  }

  @Test
  void theFileIsReplacedAtomicallyLeavingNoTemporaryFileAndIsReadableByAll() throws IOException {
    Path f = dir.resolve("tintype.prom");
    Files.writeString(f, "stale\n");
    MetricsFile.write(f, report("2026-12-01T00:01:40Z", repo("cran", "published")));
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("tintype.prom");
    }
    assertThat(Files.getPosixFilePermissions(f))
        .contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
    assertThat(Files.readString(f)).doesNotContain("stale");
  }

  @Test
  void theStrictParserRefusesWhatTheGrammarDoesNotAllow() {
    assertThatThrownBy(() -> TextExposition.parse("9bad 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a{repo=\"x\\q\"} 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a{repo=x} 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a 1 2 3\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a one\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a 1\n# TYPE a gauge\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextExposition.parse("a 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TextExposition.parse("# TYPE a gauge\na{repo=\"x\"} 1.5e3\n").samples())
        .containsEntry("a", Map.of("x", 1500.0));
  }

  private static RunReport gc(String end, int exit, Map<String, Integer> snapshots) {
    return new RunReport(
        RunReport.FORMAT,
        "gc",
        List.of(),
        "2026-12-02T00:00:00Z",
        end,
        exit,
        exit == 0 ? null : "boom",
        List.of(),
        snapshots,
        exit == 0 ? new RunReport.Pool(10, 2048) : null);
  }

  @Test
  void aGcWritesThePoolTotalsAndSnapshotCountsAndKeepsTheSeriesOfTheSyncBeforeIt()
      throws IOException {
    Path f = dir.resolve("tintype.prom");
    MetricsFile.write(f, report("2026-12-01T00:01:40Z", repo("cran", "published")));
    MetricsFile.write(f, gc("2026-12-02T00:00:30Z", 0, Map.of("cran", 3, "pypi", 1)));
    String text = Files.readString(f);
    TextExposition.Parsed p = TextExposition.parse(text);
    assertThat(p.samples().get("tintype_pool_total_files")).containsExactly(Map.entry("", 10.0));
    assertThat(p.samples().get("tintype_pool_total_bytes")).containsExactly(Map.entry("", 2048.0));
    assertThat(p.samples().get("tintype_snapshots"))
        .containsEntry("cran", 3.0)
        .containsEntry("pypi", 1.0);
    assertThat(p.samples().get("tintype_packages")).containsEntry("cran", 5.0);
    assertThat(p.samples().get("tintype_last_success_timestamp_seconds"))
        .containsEntry("cran", 1796083300.0);
    assertThat(p.samples().get("tintype_command_last_run_timestamp_seconds"))
        .containsEntry("sync", 1796083300.0)
        .containsEntry("gc", 1796169630.0);
    assertThat(p.samples().get("tintype_command_last_run_duration_seconds"))
        .containsEntry("sync", 100.0)
        .containsEntry("gc", 30.0);
    assertThat(p.samples().get("tintype_command_last_run_exit_status")).containsEntry("gc", 0.0);
    assertThat(text).contains("tintype_command_last_run_exit_status{command=\"gc\"} 0\n");
    assertThat(text).contains("tintype_pool_total_files 10\n");
  }

  @Test
  void aFailedCommandKeepsItsLastSuccessAndThePoolTotalsOfTheLastGcThatFinished()
      throws IOException {
    Path f = dir.resolve("tintype.prom");
    MetricsFile.write(f, gc("2026-12-02T00:00:30Z", 0, Map.of("cran", 3)));
    MetricsFile.write(f, gc("2026-12-03T00:00:00Z", 3, Map.of()));
    TextExposition.Parsed p = TextExposition.parse(Files.readString(f));
    assertThat(p.samples().get("tintype_command_last_run_exit_status")).containsEntry("gc", 3.0);
    assertThat(p.samples().get("tintype_command_last_success_timestamp_seconds"))
        .containsEntry("gc", 1796169630.0);
    assertThat(p.samples().get("tintype_command_last_run_timestamp_seconds"))
        .containsEntry("gc", 1796256000.0);
    assertThat(p.samples().get("tintype_pool_total_files")).containsEntry("", 10.0);
    assertThat(p.samples().get("tintype_snapshots")).containsEntry("cran", 3.0);
  }

  @Test
  void linesOfAHandEditedFileThatAreNotTintypeSeriesAreDroppedAndTheRestIsKept()
      throws IOException {
    Path f = dir.resolve("tintype.prom");
    Files.writeString(
        f,
        "# a comment\nother_metric 1\ntintype_packages{repo=\"x\"} notanumber\n"
            + "tintype_snapshots{repo=\"old\"} 4\n");
    MetricsFile.write(f, report("2026-12-01T00:01:40Z", repo("cran", "published")));
    String text = Files.readString(f);
    TextExposition.Parsed p = TextExposition.parse(text);
    assertThat(text).doesNotContain("other_metric").doesNotContain("notanumber");
    assertThat(p.samples().get("tintype_snapshots")).containsExactly(Map.entry("old", 4.0));
  }
}
