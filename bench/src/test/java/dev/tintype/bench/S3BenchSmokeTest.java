package dev.tintype.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs bench/s3's benchmark on a tiny tree, so it cannot rot; its figures mean nothing. */
@Tag("e2e")
class S3BenchSmokeTest {
  @TempDir Path work;

  @Test
  void s3BenchmarkPublishesATinyTreeAndPrintsEveryFigure() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    S3Bench.Times t =
        S3Bench.run(
            new Jvm(Optional.empty(), Optional.empty()),
            work.resolve("w"),
            new S3Bench.Sizes(3, 4, 1, 1),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    String output = log.toString(StandardCharsets.UTF_8);

    assertThat(output)
        .contains("tree: 4 packages")
        .contains("first upload:")
        .contains("no-change rerun:")
        .contains("next-day rerun:")
        .contains("next day at 1%:");
    assertThat(List.of(t.fsFirst(), t.fsSame(), t.first(), t.same(), t.next(), t.nextChanged()))
        .as(output)
        .allSatisfy(s -> assertThat(s).isPositive());
    assertThat(t.awsFirst().isPresent()).as(output).isEqualTo(Work.which("aws").isPresent());
  }
}
