package dev.tintype.e2e;

import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
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
    return Cli.run(List.of("-Xmx256m"), s3.credentialsEnvironment(), args);
  }
}
