package dev.tintype.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness at tiny scale, so bench/run cannot rot: every benchmark must produce its
 * figures (or say why it was skipped), with tintype's output checked. At this scale the figures
 * themselves mean nothing, so the targets are not asserted.
 */
@Tag("e2e")
class BenchSmokeTest {
  @TempDir Path work;

  @Test
  void everyBenchmarkRunsAtTinyScaleAndChecksItsOutput() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Figure> figures =
        Bench.run(
            new Bench.Options(
                Scale.smoke(), work.resolve("w"), Optional.empty(), Optional.empty(), Bench.ALL),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    String output = log.toString(StandardCharsets.UTF_8);
    System.out.println(output);

    assertThat(figures).as(output).isNotEmpty();
    for (Figure f : figures) {
      assertThat(f.tintype()).as("%s\n%s", f, output).doesNotStartWith("failed");
      assertThat(f.tintype()).as("%s\n%s", f, output).doesNotContain("FAILED");
    }
    List<Figure> ran = figures.stream().filter(f -> f.met() != Figure.Verdict.SKIPPED).toList();
    if (Work.which("Rscript").isPresent()) {
      assertThat(ran).as(output).anyMatch(f -> f.benchmark().startsWith("index"));
    }
    if (Work.which("nginx").isPresent() || Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
      assertThat(ran).as(output).anyMatch(f -> f.benchmark().startsWith("nightly CRAN"));
      assertThat(ran).as(output).anyMatch(f -> f.benchmark().startsWith("nightly PyPI"));
      assertThat(ran).as(output).anyMatch(f -> f.benchmark().startsWith("download"));
      assertThat(ran).as(output).anyMatch(f -> f.benchmark().startsWith("PyPI nightly vs cp -al"));
      assertThat(ran)
          .as(output)
          .filteredOn(f -> f.benchmark().startsWith("memory at -Xmx64m"))
          .extracting(Figure::met)
          .containsExactly(Figure.Verdict.MET, Figure.Verdict.MET, Figure.Verdict.MET);
      if (Work.which("rsync").isPresent()) {
        assertThat(ran)
            .as(output)
            .filteredOn(f -> f.benchmark().startsWith("CRAN "))
            .filteredOn(f -> f.reference().contains("rsync daemon on loopback"))
            .hasSize(2);
      }
    }
    assertThat(figures)
        .as(output)
        .filteredOn(f -> f.benchmark().startsWith("sync into S3"))
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.tintype()).endsWith(" s"));
    if (Work.which("aws").isPresent()) {
      assertThat(ran)
          .as(output)
          .filteredOn(f -> f.benchmark().startsWith("sync into S3"))
          .hasSize(3);
    }
    assertThat(ran)
        .filteredOn(f -> f.benchmark().startsWith("index"))
        .allSatisfy(f -> assertThat(f.ratio()).contains("records identical"));
    assertThat(ran)
        .filteredOn(f -> f.benchmark().startsWith("nightly"))
        .allSatisfy(f -> assertThat(f.ratio()).contains("only the"));
    assertThat(figures)
        .extracting(Figure::benchmark)
        .anyMatch(b -> b.startsWith("simple pages of 300 projects"))
        .anyMatch(b -> b.startsWith("memory: page build"));
    assertThat(ran)
        .filteredOn(f -> f.benchmark().startsWith("gc of 60 snapshots"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.met()).isEqualTo(Figure.Verdict.MET));
    assertThat(ran)
        .filteredOn(f -> f.benchmark().contains("archive vs without"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.ratio()).contains("no archived file again"));
    assertThat(Files.readString(work.resolve("w/results.md")))
        .contains("| benchmark (smoke scale)");
  }
}
