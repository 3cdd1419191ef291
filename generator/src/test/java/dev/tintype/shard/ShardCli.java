package dev.tintype.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.cli.Main;
import dev.tintype.cli.Wiring;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the command lines of a sharded run through the CLI, for tests outside its package. */
public final class ShardCli {
  private ShardCli() {}

  /** Runs {@code args} and fails the test, with what it printed, unless it succeeds. */
  public static void ok(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            false,
            Wiring.standard());
    assertThat(code).as(String.join(" ", args) + "\n" + out).isZero();
  }

  /** Runs every shard of {@code run}, one after another. */
  public static void shards(Path config, String date, int n, String run) {
    for (int i = 0; i < n; i++) {
      ok(
          "sync",
          "--config",
          config.toString(),
          "--date",
          date,
          "--shard",
          i + "/" + n,
          "--run",
          run);
    }
  }

  /** Publishes {@code run}. */
  public static void publish(Path config, String date, int n, String run) {
    ok("publish", "--config", config.toString(), "--date", date, "--run", run, "--shards", "" + n);
  }
}
