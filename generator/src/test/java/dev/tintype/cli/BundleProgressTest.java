package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BundleProgressTest {
  @Test
  void eachChunkLineGivesTheTimeLeftAtTheRateOfTheChunksThisRunHasDone() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(5_000);
    BundleProgress p =
        new BundleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "cran", now::get);
    // A resumed import: chunks 1 and 2 are already in storage.
    p.chunkSkipped("c1", 1, 5);
    p.chunkSkipped("c2", 2, 5);
    p.chunk("c3", 3, 5);
    now.addAndGet(20_000);
    p.chunk("c4", 4, 5);
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[cran] c1 (1/5): all files present, skipped",
            "[cran] c2 (2/5): all files present, skipped",
            "[cran] c3 (3/5)",
            "[cran] c4 (4/5), ETA 40s");
  }
}
