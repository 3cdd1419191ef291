import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes one CRAN snapshot tree to S3Proxy with tintype and with `aws s3 sync`, and prints the
 * time of a first upload and of a no-change rerun for each (a benchmark, not a test).
 * Arguments: tintype.jar, work dir, package count, KiB per package, large packages, MiB each.
 */
public class S3Bench {
  public static void main(String[] a) throws Exception {
    Path jar = Path.of(a[0]).toAbsolutePath();
    Path work = Path.of(a[1]).toAbsolutePath();
    int n = Integer.parseInt(a[2]);
    int kib = Integer.parseInt(a[3]);
    int large = Integer.parseInt(a[4]);
    int largeMiB = Integer.parseInt(a[5]);
    Files.createDirectories(work);

    CranUpstream up = new CranUpstream(work.resolve("upstream"));
    for (int i = 0; i < n; i++) {
      up.add(CranPackage.of(String.format("pkg%05d", i), "1.0." + i).sizeKiB(kib));
    }
    for (int i = 0; i < large; i++) {
      up.add(CranPackage.of(String.format("big%02d", i), "1.0").sizeKiB(largeMiB * 1024));
    }
    up.write();
    String upstream = work.resolve("upstream").toUri().toString();

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
      double fsFirst = run(env, "java", "-jar", jar.toString(), "sync", "--config", fsyaml.toString(), "--date", "2026-11-20");
      double fsSame = run(env, "java", "-jar", jar.toString(), "sync", "--config", fsyaml.toString(), "--date", "2026-11-20");
      List<String> aws =
          new ArrayList<>(
              List.of(
                  "aws", "s3", "sync", root.toString(), "s3://awscli/",
                  "--endpoint-url", s3.endpoint(), "--only-show-errors",
                  // The S3 layout: no hard-linked copies, no staging, latest/ as objects.
                  "--no-follow-symlinks", "--exclude", ".tintype/*",
                  "--exclude", "*/src/contrib/*.tar.gz"));

      double tFirst = run(env, "java", "-jar", jar.toString(), "sync", "--config", s3yaml.toString(), "--date", "2026-11-20");
      double aFirst = run(env, aws.toArray(String[]::new));
      double tSame = run(env, "java", "-jar", jar.toString(), "sync", "--config", s3yaml.toString(), "--date", "2026-11-20");
      double tNext = run(env, "java", "-jar", jar.toString(), "sync", "--config", s3yaml.toString(), "--date", "2026-11-21");
      double aRerun = run(env, aws.toArray(String[]::new));

      long bytes = 0;
      try (var s = Files.walk(work.resolve("upstream"))) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          bytes += Files.size(p);
        }
      }
      System.out.printf(
          "tree: %d packages, %.1f MiB (%d of them %d MiB)%n",
          n + large, bytes / 1048576.0, large, largeMiB);
      System.out.printf("tintype to a filesystem (fetch, verify, index; no S3): first %.2f s, already published %.2f s%n", fsFirst, fsSame);
      System.out.printf("first upload:     tintype %6.2f s   aws s3 sync %6.2f s   ratio %.2f%n", tFirst, aFirst, tFirst / aFirst);
      System.out.printf("no-change rerun:  tintype %6.2f s   aws s3 sync %6.2f s   ratio %.2f  (same date: already published)%n", tSame, aRerun, tSame / aRerun);
      System.out.printf("next-day rerun:   tintype %6.2f s   aws s3 sync %6.2f s   ratio %.2f  (new dated snapshot, no pool PUT)%n", tNext, aRerun, tNext / aRerun);
    }
  }

  private static double run(Map<String, String> env, String... cmd) throws Exception {
    long t0 = System.nanoTime();
    ProcessRunner.Result r = ProcessRunner.run(Duration.ofMinutes(30), null, env, List.of(cmd));
    double s = (System.nanoTime() - t0) / 1e9;
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + r.stdout() + r.stderr());
    }
    return s;
  }
}
