package dev.tintype.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The S3 row in {@code bench/run}'s table: {@link S3Bench} (tintype and {@code aws s3 sync}
 * into the same S3Proxy) at a tenth of the CRAN size, 2,000 packages at full scale. Without the aws
 * CLI tintype's times are printed and the rows say why they have no reference.
 */
final class S3Rows {
  private S3Rows() {}

  static List<Figure> run(Work w) throws IOException {
    boolean smoke = w.scale().label().equals("smoke");
    S3Bench.Sizes sizes =
        smoke
            ? new S3Bench.Sizes(3, 4, 1, 1)
            : new S3Bench.Sizes(Math.max(10, w.scale().cranPackages() / 10), 256, 2, 40);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    S3Bench.Times t =
        S3Bench.run(
            w.jvm(),
            w.dir().resolve("s3"),
            sizes,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    for (String line : log.toString(StandardCharsets.UTF_8).strip().split("\n")) {
      w.info("s3: " + line);
    }
    String size = String.format(Locale.ROOT, "%,d packages", sizes.packages() + sizes.large());
    return List.of(
        row("sync into S3, first, " + size, t.first(), t.awsFirst(), "upload", 1.0),
        row("sync into S3, no-change rerun, " + size, t.same(), t.awsRerun(), "rerun", 0.5),
        row("sync into S3, next day at 1%, " + size, t.nextChanged(), t.awsRerun(), "rerun", 1.0));
  }

  private static Figure row(
      String name, double tintype, OptionalDouble aws, String awsRun, double target) {
    String goal = "≤ " + Figure.times(target) + " aws's " + awsRun;
    if (aws.isEmpty()) {
      return new Figure(
          name,
          Figure.seconds(tintype),
          "-",
          "-",
          goal + "; no reference: the aws CLI is not on the PATH (apt-get install awscli)",
          Figure.Verdict.SKIPPED);
    }
    double ratio = tintype / aws.getAsDouble();
    return new Figure(
        name,
        Figure.seconds(tintype),
        Figure.seconds(aws.getAsDouble()) + " (`aws s3 sync` " + awsRun + ", same S3Proxy)",
        Figure.times(ratio) + " aws's time",
        goal,
        Figure.Verdict.of(ratio <= target));
  }
}
