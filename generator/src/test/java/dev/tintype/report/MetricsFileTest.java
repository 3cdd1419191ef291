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
        RunReport.FORMAT, "sync", List.of(), "2026-12-01T00:00:00Z", end, 0, null, List.of(repos));
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
  void aFailedRunKeepsTheLastSuccessOfTheFileItReplacesAndOfUntouchedRepositories()
      throws IOException {
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
        .doesNotContainKey("pypi");
    assertThat(p.samples().get("tintype_last_run_failures")).containsEntry("cran", 1.0);
    assertThat(p.samples().getOrDefault("tintype_packages", Map.of())).doesNotContainKey("cran");
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
}
