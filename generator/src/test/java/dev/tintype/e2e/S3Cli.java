package dev.tintype.e2e;

import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged CLI against S3Proxy, with credentials only in its environment. */
final class S3Cli {
  private S3Cli() {}

  static String storageYaml(S3ProxyServer s3, String bucket, String prefix) {
    return "storage:\n  s3:\n    bucket: "
        + bucket
        + (prefix.isEmpty() ? "" : "\n    prefix: '" + prefix + "'")
        + "\n    region: "
        + S3ProxyServer.REGION
        + "\n    endpoint: "
        + s3.endpoint()
        + "\n    path-style: true\n";
  }

  static ProcessRunner.Result run(S3ProxyServer s3, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", Cli.jar().toString()));
    cmd.addAll(List.of(args));
    return ProcessRunner.run(Duration.ofMinutes(5), Path.of("."), s3.credentialsEnvironment(), cmd);
  }
}
