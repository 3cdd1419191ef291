package dev.tintype.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LayoutRunsTest {
  @Test
  void aRunReportIsNamedByItsUtcStartAndCommandAndParsesBack() {
    Instant start = Instant.parse("2026-12-02T07:14:06.123456Z");
    String key = Layout.runReport(start, "sync");
    assertThat(key).isEqualTo(".tintype/runs/20261202T071406.123Z-sync.json");
    Layout.RunKey k = Layout.runOfReport(key.substring(key.lastIndexOf('/') + 1));
    assertThat(k.command()).isEqualTo("sync");
    assertThat(k.start()).isEqualTo(Instant.parse("2026-12-02T07:14:06.123Z"));
  }

  @Test
  void reportNamesSortByStartTime() {
    String a = Layout.runReport(Instant.parse("2026-12-02T07:14:06.999Z"), "sync");
    String b = Layout.runReport(Instant.parse("2026-12-02T07:14:07.000Z"), "gc");
    assertThat(a).isLessThan(b);
  }

  @Test
  void otherFileNamesAreNotRunReports() {
    assertThat(Layout.runOfReport("20261202T071406.123Z-sync.json.tmp")).isNull();
    assertThat(Layout.runOfReport("20261302T071406.123Z-sync.json")).isNull();
    assertThat(Layout.runOfReport("notes.json")).isNull();
  }

  @Test
  void aCommandThatCouldLeaveTheDirectoryIsRefused() {
    assertThatThrownBy(() -> Layout.runReport(Instant.EPOCH, "../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../x");
  }

  @Test
  void aShardedRunKeepsItsUpstreamPagesByDigestAndItsDirectoryIsNoRunReport() {
    Sha256 d = Sha256.hash(new byte[] {1});
    assertThat(Layout.runUpstream("nightly-2026-12-01", d))
        .isEqualTo(".tintype/runs/nightly-2026-12-01/upstream/" + d.hex());
    assertThat(Layout.isRunId("nightly-2026-12-01")).isTrue();
    assertThat(Layout.isRunId("20261202T071406.123Z-sync.json")).isFalse();
    assertThat(Layout.isRunId("..")).isFalse();
    assertThatThrownBy(() -> Layout.runUpstream("../x", d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../x'");
  }
}
