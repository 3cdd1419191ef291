package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tintype gc} through {@link Main#run}, on CRAN snapshots real syncs published. */
class GcCommandTest {
  private static final RepoName CRAN = new RepoName("cran");

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path root;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    root = dir.resolve("root");
    CranUpstream upstream =
        new CranUpstream(dir.resolve("up")).add(CranPackage.of("pkgA", "1.0")).write();
    try (FakeUpstream server = FakeUpstream.serve(upstream.root());
        Rig rig = new Rig(new FileStorage(root))) {
      var repo = Rig.repo("cran", RepoType.CRAN, server.url());
      rig.sync(repo, "2026-11-20");
      upstream.add(CranPackage.of("pkgA", "1.1")).write();
      rig.sync(repo, "2026-11-21");
      upstream.add(CranPackage.of("pkgA", "1.2")).write();
      rig.sync(repo, "2026-11-22");
    }
    config =
        Files.writeString(
            dir.resolve("tintype.yaml"),
            "storage: {filesystem: '"
                + root
                + "'}\n"
                + "repos:\n"
                + "  - {name: cran, type: cran, upstream: 'https://cran.r-project.org'}\n"
                + "retention: {daily: 1, keep: ['2026-11-20']}\n");
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The output without the progress summaries, whose times differ from run to run. */
  private static String withoutProgress(String out) {
    assertThat(out).containsPattern("(?m)^\\[gc\\] mark done: 2 in ").contains("[gc] sweep done: ");
    return out.replaceAll("(?m)^\\[gc\\] .*\n", "");
  }

  @Test
  void aLogGetsOneLinePerSnapshotAndASweepSummaryButNoLinePerPoolFileWithoutVerbose() {
    assertThat(run("gc", "--config", config.toString())).isZero();
    assertThat(out())
        .contains("deleting snapshot cran/2026-11-21")
        .doesNotContain("deleting pool/")
        .containsPattern("(?m)^\\[gc\\] sweep done: 3, 497 B in ")
        .contains("gc: deleted 1 snapshot(s)");
  }

  @Test
  void quietPrintsNothingWhenTheGcSucceeds() {
    assertThat(run("gc", "--config", config.toString(), "--quiet")).isZero();
    assertThat(out()).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void dryRunPrintsWhatWouldGoAndTheRealGcThenDeletesExactlyThat() throws IOException {
    List<Path> before = files();

    assertThat(run("gc", "--config", config.toString(), "--dry-run", "--verbose")).isZero();

    assertThat(files()).isEqualTo(before);
    String dry = withoutProgress(out());
    assertThat(dry)
        .contains("would delete snapshot cran/2026-11-21")
        .doesNotContain("cran/2026-11-20 (")
        .contains("would delete pool/")
        .contains("pkgA_1.1.tar.gz")
        .contains("gc: would delete 1 snapshot(s)")
        .contains("(dry run: nothing deleted)");
    out.reset();

    assertThat(run("gc", "--config", config.toString(), "--verbose")).isZero();

    String real = withoutProgress(out());
    assertThat(
            real.replace("deleting ", "would delete ")
                .replace("gc: deleted", "gc: would delete")
                .replace("freed", "would free"))
        .isEqualTo(dry.replace(" (dry run: nothing deleted)", ""));
    try (FileStorage storage = new FileStorage(root)) {
      assertThat(Snapshots.published(storage, CRAN))
          .containsExactly(SnapshotDate.parse("2026-11-20"), SnapshotDate.parse("2026-11-22"));
      Verifier v = new Verifier(storage);
      for (SnapshotDate d : Snapshots.published(storage, CRAN)) {
        assertThat(v.verify(CRAN, d).problems()).isEmpty();
      }
      assertThat(storage.list("pool").stream().filter(k -> k.endsWith("pkgA_1.1.tar.gz")))
          .isEmpty();
      assertThat(storage.list("pool").stream().filter(k -> k.endsWith("pkgA_1.0.tar.gz")))
          .hasSize(1);
      assertThat(storage.latest(CRAN)).contains(SnapshotDate.parse("2026-11-22"));
    }
    assertThat(Files.exists(root.resolve(".tintype/trash/cran"))).isTrue();
    assertThat(root.resolve(".tintype/trash/cran").toFile().list()).isEmpty();
  }

  @Test
  void aGcWhileASyncRunsFailsNamingTheSyncAndDeletesNothing() throws IOException {
    List<Path> before = files();
    try (FileStorage storage = new FileStorage(root);
        var sync = storage.lock(CRAN, "sync", false)) {
      assertThat(run("gc", "--config", config.toString())).isEqualTo(1);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("repository 'cran' is locked")
        .contains("sync, pid");
    List<Path> after = files();
    assertThat(after).containsAll(before);
  }

  @Test
  void gcIsListedInTheHelp() {
    run("--help");
    assertThat(out()).contains("gc");
  }
}
