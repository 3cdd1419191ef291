package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void anUnknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'frobnicate'");
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
  void aFailedSyncExitsOneAndSaysWhy() throws IOException {
    assertThat(run("sync", "--config", config().toString(), "--date", "2026-11-20")).isEqualTo(1);
    assertThat(err()).contains("neither src/contrib/PACKAGES.gz nor src/contrib/PACKAGES");
  }
}
