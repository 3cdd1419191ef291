package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.bundle.BundleListener;
import dev.tintype.config.RepoType;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.SyncListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private int run(Wiring wiring, String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        wiring);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Wiring cranFails(Throwable t) {
    Mirror failing =
        (ctx, sink) -> {
          if (t instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) t;
        };
    return new Wiring(Map.of(RepoType.CRAN, failing), ListenerDecorator.NONE);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path config() throws IOException {
    Path c = dir.resolve("tintype.yaml");
    Files.writeString(
        c,
        "storage: {filesystem: root}\nrepos: [{name: cran, type: cran, upstream: '"
            + dir.resolve("up").toUri()
            + "'}]\n");
    return c;
  }

  @Test
  void helpOnEachCommandExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(run("sync", "--help")).isZero();
    assertThat(run("list", "--help")).isZero();
    assertThat(run("verify", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--backfill").contains("--config");
  }

  @Test
  void everyCommandIsInTheOverviewAndHasHelpWithItsUsageLine() {
    for (Subcommand c : Main.COMMANDS) {
      out.reset();
      assertThat(run(c.name(), "--help")).as(c.name()).isZero();
      assertThat(out())
          .startsWith("usage: " + c.usage() + "\n")
          .contains("  -h, --help")
          .doesNotContainPattern("(?m)^.{81,}$")
          .doesNotContainPattern("(?m) $");
    }
    out.reset();
    assertThat(run("--help")).isZero();
    for (Subcommand c : Main.COMMANDS) {
      assertThat(out()).contains("  " + c.name() + " ");
    }
  }

  @Test
  void optionHelpListsEachOptionWithItsArgumentAndWrapsLongDescriptions() {
    assertThat(run("export", "--help")).isZero();
    assertThat(out())
        .contains("  --config <FILE>")
        .contains("  --chunk-size <SIZE>")
        .contains(
            "  --since <YYYY-MM-DD>   incremental: leave out the pool files this earlier\n"
                + "                         snapshot references\n");
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatListsEveryCommand() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err())
        .contains("unknown command 'frobnicate'")
        .contains("sync, list, verify, diff, export, import, index");
  }

  @Test
  void debugIsAcceptedBeforeAndAfterTheCommand() throws IOException {
    String c = config().toString();
    assertThat(run("--debug", "list", "--config", c)).isZero();
    assertThat(run("list", "--debug", "--config", c)).isZero();
    assertThat(run("list", "--config", c, "--debug")).isZero();
    assertThat(err()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAUsageError() throws IOException {
    assertThat(run("sync", "--config", config().toString(), "--dryrun")).isEqualTo(2);
    assertThat(err()).contains("--dryrun");
  }

  @Test
  void aBadDateIsAUsageErrorThatQuotesIt() throws IOException {
    assertThat(run("sync", "--config", config().toString(), "--date", "2026-13-01")).isEqualTo(2);
    assertThat(err()).contains("2026-13-01");
    assertThat(run("sync", "--config", config().toString(), "--date", "yesterday")).isEqualTo(2);
    assertThat(err()).contains("expected YYYY-MM-DD");
  }

  @Test
  void anUnreadableConfigNamesTheFile() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "storage: {filesystem: /x}\nrepos: [{name: c, type: cran}]\n");
    assertThat(run("sync", "--config", bad.toString())).isEqualTo(2);
    assertThat(err()).contains("bad.yaml").contains("repos[0].upstream");
    assertThat(run("list", "--config", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("none.yaml does not exist");
  }

  @Test
  void anUnknownRepoIsAUsageError() throws IOException {
    assertThat(run("verify", "--config", config().toString(), "--repo", "pypi")).isEqualTo(2);
    assertThat(err()).contains("no repository named 'pypi'");
  }

  @Test
  void verifyListsATamperedFileAndExitsOne() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    String c = config().toString();
    assertThat(run("sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(run("verify", "--config", c)).isZero();
    Path pool = dir.resolve("root/pool");
    Path victim;
    try (var s = Files.walk(pool)) {
      victim = s.filter(p -> p.toString().endsWith("alpha_1.0.0.tar.gz")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(victim);
    b[b.length / 2] ^= 1;
    Files.write(victim, b);
    out.reset();
    assertThat(run("verify", "--config", c)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("cran/2026-11-20: ")
        .contains("alpha_1.0.0.tar.gz: sha256 ");
  }

  @Test
  void listShowsEachSnapshotWithItsPackageCount() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    String c = config().toString();
    assertThat(run("sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(run("sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("already published");
    out.reset();
    assertThat(run("list", "--config", c)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("cran +2026-11-20 +5 .*\\(latest\\)");
  }

  @Test
  void aFailedSyncExitsOneAndSaysWhyInOneLine() throws IOException {
    assertThat(run("sync", "--config", config().toString(), "--date", "2026-11-20")).isEqualTo(1);
    assertThat(err())
        .startsWith("tintype: sync failed: ")
        .contains("neither src/contrib/PACKAGES.gz nor src/contrib/PACKAGES")
        .doesNotContain("\tat ");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void withDebugAFailureAlsoPrintsItsStackTrace() throws IOException {
    String c = config().toString();
    assertThat(run("--debug", "sync", "--config", c, "--date", "2026-11-20")).isEqualTo(1);
    assertThat(err()).contains("tintype: sync failed: ").contains("\tat dev.tintype.");
  }

  @Test
  void anOutOfMemoryErrorEndsAsOneLineNamingTheCommandAndExitsOne() throws IOException {
    Wiring w = cranFails(new OutOfMemoryError("Java heap space"));
    assertThat(run(w, "sync", "--config", config().toString(), "--date", "2026-11-20"))
        .isEqualTo(1);
    assertThat(err()).startsWith("tintype: sync failed: out of memory (Java heap space)");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void aBugIsReportedAsAnInternalErrorThatPointsAtDebug() throws IOException {
    Wiring w = cranFails(new NullPointerException("upstream is null"));
    assertThat(run(w, "sync", "--config", config().toString(), "--date", "2026-11-20"))
        .isEqualTo(1);
    assertThat(err())
        .startsWith(
            "tintype: sync failed: internal error: NullPointerException: upstream is null"
                + " (run with --debug for the stack trace)");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void aSyncThatPublishesWithoutAMissingProjectExitsThreeNamingIt() throws IOException {
    dev.tintype.fixtures.PypiUpstream.demo(dir.resolve("up"));
    Path c = dir.resolve("tintype.yaml");
    Files.writeString(
        c,
        "storage: {filesystem: root}\nrepos: [{name: pypi, type: pypi, upstream: '"
            + dir.resolve("up").toUri()
            + "', projects: [Demo.Pkg, tiny-dep, gone-pkg]}]\n");
    assertThat(run("sync", "--config", c.toString(), "--date", "2026-11-20")).isEqualTo(3);
    assertThat(err()).contains("pypi: published, but 1 configured project is missing upstream");
    assertThat(err()).contains("gone-pkg");
    assertThat(dir.resolve("root/pypi/2026-11-20/manifest.json")).exists();
  }

  @Test
  void aSyncPrintsItsSummaryOnce() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    String c = config().toString();
    assertThat(run("sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(out()).containsOnlyOnce("2026-11-20: 5 packages").containsOnlyOnce("published");
    out.reset();
    assertThat(run("sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(out()).containsOnlyOnce("already published");
  }

  @Test
  void aSyncLogEndsItsDownloadPhaseWithASummaryOfFilesAndBytes() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    assertThat(run("sync", "--config", config().toString(), "--date", "2026-11-20")).isZero();
    assertThat(out())
        .containsPattern("\\[cran\\] download done: 5, [0-9.]+ (B|KiB) in \\d+s")
        .doesNotContain("\r");
  }

  @Test
  void quietPrintsNothingOnASuccessfulSync() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    String c = config().toString();
    assertThat(run("sync", "--quiet", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(dir.resolve("root/cran/2026-11-20/manifest.json")).exists();
    assertThat(out()).isEmpty();
    assertThat(err()).isEmpty();
  }

  @Test
  void quietBeforeTheCommandStillPrintsTheErrorLineOfAFailedSync() throws IOException {
    assertThat(run("--quiet", "sync", "--config", config().toString(), "--date", "2026-11-20"))
        .isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).startsWith("tintype: sync failed: ");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void theInstalledDecoratorHearsTheSyncAndTheExport() throws IOException {
    dev.tintype.fixtures.CranUpstream.demo(dir.resolve("up"));
    String c = config().toString();
    List<String> heard = new ArrayList<>();
    ListenerDecorator recording =
        new ListenerDecorator() {
          @Override
          public SyncListener sync(String command, SyncListener printer) {
            return new SyncListener() {
              @Override
              public void phase(String repo, dev.tintype.sync.Phase phase) {
                heard.add(command + ":" + phase);
              }
            };
          }

          @Override
          public BundleListener bundle(String command, BundleListener printer) {
            return new BundleListener() {
              @Override
              public void chunk(String name, int number, int total) {
                heard.add(command + ":chunk:" + number);
              }
            };
          }
        };
    Wiring w = Wiring.standard().withListeners(recording);

    assertThat(run(w, "sync", "--config", c, "--date", "2026-11-20")).isZero();
    assertThat(run(w, "export", "--config", c, "--out", dir.resolve("b").toString())).isZero();

    assertThat(heard).contains("sync:commit", "sync:latest", "export:chunk:1");
    assertThat(out()).as("the decorator replaced the printer").doesNotContain("published");
  }
}
