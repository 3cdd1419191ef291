package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.sync.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleListenerTest {
  private static final long MIB = 1024 * 1024;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong(1_000_000);

  private ConsoleListener listener(boolean tty) {
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new ConsoleListener(p, p, tty, now::get);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLogGetsAProgressLineOnlyAfterTenSecondsAndASummaryWithCountBytesAndRateAtPhaseEnd() {
    ConsoleListener l = listener(false);
    l.phase("cran", Phase.DOWNLOAD);
    now.addAndGet(9_999);
    l.progress("cran", Phase.DOWNLOAD, 1, 4, MIB, 4 * MIB);
    assertThat(out()).isEmpty();

    now.addAndGet(1);
    l.progress("cran", Phase.DOWNLOAD, 2, 4, 2 * MIB, 4 * MIB);
    assertThat(out()).isEqualTo("[cran] download 2/4, 2.0 MiB of 4.0 MiB, 204.8 KiB/s, ETA 10s\n");

    now.addAndGet(5_000);
    l.progress("cran", Phase.DOWNLOAD, 3, 4, 3 * MIB, 4 * MIB);
    assertThat(out().lines()).hasSize(1);

    now.addAndGet(5_000);
    l.progress("cran", Phase.DOWNLOAD, 4, 4, 4 * MIB, 4 * MIB);
    assertThat(out().lines())
        .containsExactly(
            "[cran] download 2/4, 2.0 MiB of 4.0 MiB, 204.8 KiB/s, ETA 10s",
            "[cran] download done: 4, 4.0 MiB in 20s, 204.8 KiB/s");
    assertThat(out()).doesNotContain("\r");
  }

  @Test
  void aLogPhaseWithoutBytesReportsItsRateInItems() {
    ConsoleListener l = listener(false);
    l.phase("pypi", Phase.PAGES);
    now.addAndGet(4_000);
    l.progress("pypi", Phase.PAGES, 10, 10);
    assertThat(out()).isEqualTo("[pypi] pages done: 10 in 4s, 2.5/s\n");
  }

  @Test
  void aPhaseWithoutCountsGetsASummaryWhenItTookTenSecondsOrMore() {
    ConsoleListener l = listener(false);
    l.phase("cran", Phase.INDEX);
    now.addAndGet(12_000);
    l.phase("cran", Phase.COMMIT);
    now.addAndGet(9_999);
    l.info("cran", "published");
    assertThat(out().lines()).containsExactly("[cran] index done in 12s", "[cran] published");
  }

  @Test
  void aTerminalRewritesOneLineAndClearsItWhenThePhaseEnds() {
    ConsoleListener l = listener(true);
    l.phase("cran", Phase.DOWNLOAD);
    now.addAndGet(1_000);
    l.progress("cran", Phase.DOWNLOAD, 1, 3);
    now.addAndGet(1_000);
    l.progress("cran", Phase.DOWNLOAD, 2, 3);
    String first = "[cran] download 1/3, 1.0/s, ETA 2s";
    String second = "[cran] download 2/3, 1.0/s, ETA 1s";
    assertThat(out()).isEqualTo("\r" + first + "\r" + second).doesNotContain("\n");

    now.addAndGet(1_000);
    l.progress("cran", Phase.DOWNLOAD, 3, 3);
    assertThat(out())
        .isEqualTo(
            "\r"
                + first
                + "\r"
                + second
                + "\r"
                + " ".repeat(second.length())
                + "\r"
                + "[cran] download done: 3 in 3s, 1.0/s\n");
  }

  @Test
  void aMessageDuringATerminalLineStartsOnACleanLine() {
    ConsoleListener l = listener(true);
    l.phase("cran", Phase.DOWNLOAD);
    l.progress("cran", Phase.DOWNLOAD, 1, 3);
    l.info("cran", "hello");
    assertThat(out())
        .endsWith("\r" + " ".repeat("[cran] download 1/3".length()) + "\r[cran] hello\n");
  }

  @Test
  void etaComesFromBytesWhenKnownElseFromCounts() {
    // One of ten files done, but it was 90% of the bytes: 9 s for 90% leaves 1 s.
    assertThat(ConsoleListener.etaMillis(1, 10, 900, 1000, 9_000)).isEqualTo(1_000);
    assertThat(ConsoleListener.etaMillis(1, 10, -1, -1, 9_000)).isEqualTo(81_000);
    assertThat(ConsoleListener.etaMillis(0, 10, -1, -1, 9_000)).isEqualTo(-1);
    assertThat(ConsoleListener.duration(81_000)).isEqualTo("1m21s");
    assertThat(ConsoleListener.duration(3_723_000)).isEqualTo("1h02m");
  }

  @Test
  void aTerminalLineIsRedrawnAtMostEveryTenthOfASecond() {
    ConsoleListener l = listener(true);
    l.progress("gc", "sweep", 0, 1000, 0, -1);
    now.addAndGet(50);
    l.progress("gc", "sweep", 1, 1000, 10, -1);
    assertThat(out()).isEqualTo("\r[gc] sweep 0/1000, 0 B");
    now.addAndGet(50);
    l.progress("gc", "sweep", 2, 1000, 20, -1);
    assertThat(out()).endsWith("\r[gc] sweep 2/1000, 20 B, 200 B/s, ETA 50s");
  }

  @Test
  void aGcSweepInALogGetsALineEveryTenSecondsWithFreedBytesAndAnEtaFromCounts() {
    GcCommand.Printer p = new GcCommand.Printer(listener(false), false, false);
    p.progress(dev.tintype.gc.GcListener.Step.SWEEP, 0, 400, 0);
    p.poolFile("pool/ab/x.tar.gz", MIB);
    now.addAndGet(10_000);
    p.progress(dev.tintype.gc.GcListener.Step.SWEEP, 100, 400, MIB);
    p.snapshot(
        new dev.tintype.format.layout.RepoName("cran"),
        dev.tintype.format.layout.SnapshotDate.parse("2026-11-20"),
        2 * MIB);
    now.addAndGet(5_000);
    p.progress(dev.tintype.gc.GcListener.Step.SWEEP, 200, 400, MIB);
    now.addAndGet(5_000);
    p.progress(dev.tintype.gc.GcListener.Step.SWEEP, 400, 400, 2 * MIB);
    assertThat(out().lines())
        .containsExactly(
            "[gc] sweep 100/400, 1.0 MiB, 102.4 KiB/s, ETA 30s",
            "deleting snapshot cran/2026-11-20 (2.0 MiB)",
            "[gc] sweep done: 400, 2.0 MiB in 20s, 102.4 KiB/s");
  }

  @Test
  void aVerboseGcListsEveryPoolFileOnACleanLineOfATerminal() {
    GcCommand.Printer p = new GcCommand.Printer(listener(true), true, true);
    p.progress(dev.tintype.gc.GcListener.Step.SWEEP, 0, 2, 0);
    p.poolFile("pool/ab/x.tar.gz", 5);
    String live = "[gc] sweep 0/2, 0 B";
    assertThat(out())
        .isEqualTo(
            "\r"
                + live
                + "\r"
                + " ".repeat(live.length())
                + "\rwould delete pool/ab/x.tar.gz (5 B)\n");
  }

  @Test
  void aPhaseOfUnknownTotalShowsItsCountAndEndsOnlyWhenTheTotalIsGiven() {
    ConsoleListener l = listener(false);
    l.progress("cran", "upload", 0, -1, 0, -1);
    now.addAndGet(10_000);
    l.progress("cran", "upload", 3, -1, 3 * MIB, -1);
    now.addAndGet(10_000);
    l.progress("cran", "upload", 4, 4, 4 * MIB, 4 * MIB);
    assertThat(out().lines())
        .containsExactly(
            "[cran] upload 3, 3.0 MiB, 307.2 KiB/s",
            "[cran] upload done: 4, 4.0 MiB in 20s, 204.8 KiB/s");
  }

  @Test
  void theIndexPhaseShowsTheFilesWrittenAndGetsItsSummaryWhenTheCommitStarts() {
    ConsoleListener l = listener(false);
    l.phase("pypi", Phase.INDEX);
    now.addAndGet(10_000);
    l.progress("pypi", Phase.INDEX, 500, -1, 5 * MIB, -1);
    now.addAndGet(2_000);
    l.progress("pypi", Phase.INDEX, 600, -1, 6 * MIB, -1);
    l.phase("pypi", Phase.COMMIT);
    assertThat(out().lines())
        .containsExactly(
            "[pypi] index 500, 5.0 MiB, 512.0 KiB/s",
            "[pypi] index done: 600, 6.0 MiB in 12s, 512.0 KiB/s");
  }
}
