package dev.tintype.bench;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Publishes one CRAN snapshot tree to an in-process S3Proxy with tintype and with {@code aws s3
 * sync}, and prints the time of a first upload and of a no-change rerun for each (a benchmark, not
 * a test; {@code bench/s3/run} starts it). Without the {@code aws} CLI only tintype's times are
 * measured.
 */
public final class S3Bench {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  /**
   * The tree to publish: {@code packages} of {@code kib} KiB, plus {@code large} of {@code mib}.
   */
  record Sizes(int packages, int kib, int large, int mib) {
    Sizes {
      if (packages < 1 || kib < 1 || large < 0 || mib < 1) {
        throw new IllegalArgumentException(
            "sizes must be at least 1 (large packages at least 0), got " + this);
      }
    }
  }

  /** Seconds of each run; the {@code aws s3 sync} ones are empty without the aws CLI. */
  record Times(
      double fsFirst,
      double fsSame,
      double first,
      double same,
      double next,
      double nextChanged,
      OptionalDouble awsFirst,
      OptionalDouble awsRerun) {}

  private S3Bench() {}

  /**
   * Arguments: tintype.jar, work dir, then optionally package count (400), KiB per package (256),
   * large packages (2), MiB each (40).
   */
  public static void main(String[] a) throws Exception {
    if (a.length < 2 || a.length > 6) {
      System.err.println(
          "usage: S3Bench TINTYPE_JAR WORK_DIR [packages=400] [KiB each=256] [large=2] [MiB each=40]");
      System.exit(2);
      return;
    }
    Sizes sizes =
        new Sizes(
            a.length > 2 ? Integer.parseInt(a[2]) : 400,
            a.length > 3 ? Integer.parseInt(a[3]) : 256,
            a.length > 4 ? Integer.parseInt(a[4]) : 2,
            a.length > 5 ? Integer.parseInt(a[5]) : 40);
    run(new Jvm(Optional.of(Path.of(a[0])), Optional.empty()), Path.of(a[1]), sizes, System.out);
  }

  static Times run(Jvm jvm, Path workDir, Sizes sizes, PrintStream out) throws IOException {
    Path work = Files.createDirectories(workDir.toAbsolutePath());
    CranUpstream up = new CranUpstream(work.resolve("upstream"));
    for (int i = 0; i < sizes.packages(); i++) {
      up.add(
          CranPackage.of(String.format(Locale.ROOT, "pkg%05d", i), "1.0." + i)
              .sizeKiB(sizes.kib()));
    }
    for (int i = 0; i < sizes.large(); i++) {
      up.add(
          CranPackage.of(String.format(Locale.ROOT, "big%02d", i), "1.0")
              .sizeKiB(sizes.mib() * 1024));
    }
    up.write();
    String upstream = work.resolve("upstream").toUri().toString();
    Optional<String> aws = Work.which("aws");

    try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"))) {
      s3.createBucket("tintype", false);
      s3.createBucket("awscli", false);
      Map<String, String> env = new HashMap<>(s3.credentialsEnvironment());
      // botocore >= 1.36 sends CRC32 checksum headers that S3Proxy rejects, as the Java SDK does.
      env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
      env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
      Path awsConfig = work.resolve("aws-config");
      // The same concurrency as tintype's default download.parallel.
      Files.writeString(awsConfig, "[default]\ns3 =\n  max_concurrent_requests = 4\n");
      env.put("AWS_CONFIG_FILE", awsConfig.toString());

      Path s3yaml = work.resolve("s3.yaml");
      Files.writeString(
          s3yaml,
          "storage:\n  s3: {bucket: tintype, region: us-east-1, endpoint: '"
              + s3.endpoint()
              + "', path-style: true}\nrepos: [{name: cran, type: cran, upstream: '"
              + upstream
              + "'}]\ndownload: {parallel: 4}\n");
      Path fsyaml = work.resolve("fs.yaml");
      Path root = work.resolve("root");
      Files.writeString(
          fsyaml,
          "storage: {filesystem: '"
              + root
              + "'}\nrepos: [{name: cran, type: cran, upstream: '"
              + upstream
              + "'}]\ndownload: {parallel: 4}\n");

      // The tree aws s3 sync uploads: the same snapshot, built on a filesystem.
      double fsFirst = time(work, env, jvm.tintype(null, sync(fsyaml, "2026-11-20")));
      double fsSame = time(work, env, jvm.tintype(null, sync(fsyaml, "2026-11-20")));
      List<String> awsSync =
          List.of(
              "aws",
              "s3",
              "sync",
              root.toString(),
              "s3://awscli/",
              "--endpoint-url",
              s3.endpoint(),
              "--only-show-errors",
              // The S3 layout: no hard-linked copies, no staging, latest/ as objects.
              "--no-follow-symlinks",
              "--exclude",
              ".tintype/*",
              "--exclude",
              "*/src/contrib/*.tar.gz");

      double first = time(work, env, jvm.tintype(null, sync(s3yaml, "2026-11-20")));
      OptionalDouble awsFirst =
          aws.isPresent() ? OptionalDouble.of(time(work, env, awsSync)) : OptionalDouble.empty();
      double same = time(work, env, jvm.tintype(null, sync(s3yaml, "2026-11-20")));
      double next = time(work, env, jvm.tintype(null, sync(s3yaml, "2026-11-21")));
      changeOnePercent(up, sizes);
      double nextChanged = time(work, env, jvm.tintype(null, sync(s3yaml, "2026-11-22")));
      OptionalDouble awsRerun =
          aws.isPresent() ? OptionalDouble.of(time(work, env, awsSync)) : OptionalDouble.empty();
      Times t = new Times(fsFirst, fsSame, first, same, next, nextChanged, awsFirst, awsRerun);
      print(out, sizes, bytes(work.resolve("upstream")), t);
      return t;
    }
  }

  /** Every 100th package (at least one) gets a new version, as a day upstream does. */
  private static void changeOnePercent(CranUpstream up, Sizes sizes) throws IOException {
    for (int i = 0; i < sizes.packages(); i += 100) {
      up.add(
          CranPackage.of(String.format(Locale.ROOT, "pkg%05d", i), "2.0." + i)
              .sizeKiB(sizes.kib()));
    }
    up.write();
  }

  private static String[] sync(Path config, String date) {
    return new String[] {"sync", "--config", config.toString(), "--date", date};
  }

  private static double time(Path work, Map<String, String> env, List<String> command)
      throws IOException {
    return Proc.run(work, TIMEOUT, env, command).requireOk().seconds();
  }

  private static long bytes(Path dir) throws IOException {
    long bytes = 0;
    try (var s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(p);
      }
    }
    return bytes;
  }

  private static void print(PrintStream out, Sizes sizes, long bytes, Times t) {
    out.printf(
        Locale.ROOT,
        "tree: %d packages, %.1f MiB (%d of them %d MiB)%n",
        sizes.packages() + sizes.large(),
        bytes / 1048576.0,
        sizes.large(),
        sizes.mib());
    out.printf(
        Locale.ROOT,
        "tintype to a filesystem (fetch, verify, index; no S3): first %.2f s, already published %.2f s%n",
        t.fsFirst(),
        t.fsSame());
    if (t.awsFirst().isEmpty()) {
      out.println("aws CLI not on the PATH: only tintype's times (apt-get install awscli)");
    }
    line(out, "first upload:    ", t.first(), t.awsFirst(), "");
    line(out, "no-change rerun: ", t.same(), t.awsRerun(), "  (same date: already published)");
    line(out, "next-day rerun:  ", t.next(), t.awsRerun(), "  (new dated snapshot, no pool PUT)");
    line(
        out,
        "next day at 1%:  ",
        t.nextChanged(),
        t.awsRerun(),
        "  (1% of packages changed; against aws's no-change rerun)");
  }

  private static void line(
      PrintStream out, String what, double tintype, OptionalDouble aws, String note) {
    if (aws.isPresent()) {
      out.printf(
          Locale.ROOT,
          "%s tintype %6.2f s   aws s3 sync %6.2f s   ratio %.2f%s%n",
          what,
          tintype,
          aws.getAsDouble(),
          tintype / aws.getAsDouble(),
          note);
    } else {
      out.printf(Locale.ROOT, "%s tintype %6.2f s%s%n", what, tintype, note);
    }
  }
}
