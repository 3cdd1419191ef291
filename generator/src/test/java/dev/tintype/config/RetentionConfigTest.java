package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.gc.RetentionPolicy;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
  private static final String REPOS =
      "storage: {filesystem: /s}\nrepos: [{name: c, type: cran, upstream: 'https://x'}]\n";

  private static Config parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(REPOS + yaml, "tintype.yaml", Path.of("/etc/tintype"));
  }

  private static void assertBad(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void theRetentionKeysOfTheDocsParse() throws ConfigException {
    Config c =
        parse(
            """
            retention:
              daily: 30
              weekly: 26
              monthly: all
              keep: ["2026-01-15"]
            """);

    assertThat(c.retention())
        .contains(
            new RetentionPolicy(
                30, 26, RetentionPolicy.ALL, Set.of(SnapshotDate.parse("2026-01-15"))));
  }

  @Test
  void withoutRetentionThereIsNoPolicyAndAnAbsentRuleKeepsNothing() throws ConfigException {
    assertThat(parse("").retention()).isEmpty();
    assertThat(parse("retention: {daily: all}").retention())
        .contains(new RetentionPolicy(RetentionPolicy.ALL, 0, 0, Set.of()));
  }

  @Test
  void badRetentionValuesAreRefusedNamingTheKey() {
    assertBad("retention: {daily: -1}", "retention.daily must be 'all' or a whole number");
    assertBad("retention: {weekly: some}", "retention.weekly must be 'all' or a whole number");
    assertBad("retention: {monthly: 2.5}", "retention.monthly must be 'all' or a whole number");
    assertBad("retention: {daily: 3, keep: 2026-01-15}", "retention.keep must be a list");
    assertBad("retention: {daily: 3, keep: ['2026-13-01']}", "retention.keep[0] must be a date");
    assertBad("retention: {daily: 3, yearly: 2}", "unknown key 'retention.yearly'");
    assertBad("retention: {keep: ['2026-01-15']}", "at least one of daily, weekly, monthly");
  }

  @Test
  void runReportsAreKeptNinetyDaysUnlessTheConfigSaysADayCountOrAll() throws ConfigException {
    assertThat(parse("retention: {daily: 3}").retention().orElseThrow().runReportDays())
        .isEqualTo(90);
    assertThat(
            parse("retention: {daily: 3, run-reports: 30d}")
                .retention()
                .orElseThrow()
                .runReportDays())
        .isEqualTo(30);
    assertThat(
            parse("retention: {daily: 3, run-reports: all}")
                .retention()
                .orElseThrow()
                .runReportDays())
        .isEqualTo(RetentionPolicy.ALL);
  }

  @Test
  void aBadRunReportAgeIsRefusedNamingTheKeyAndTheValue() {
    String m =
        "retention.run-reports must be a number of days of at least 1 such as '90d', or 'all'";
    assertBad("retention: {daily: 3, run-reports: 90}", m + ", found '90'");
    assertBad("retention: {daily: 3, run-reports: 3m}", m + ", found '3m'");
    assertBad("retention: {daily: 3, run-reports: 0d}", m + ", found '0d'");
    assertBad("retention: {daily: 3, run-reports: 99999999999d}", m);
    assertBad("retention: {daily: 3, run-reports: [1]}", m + ", found '[1]'");
  }
}
