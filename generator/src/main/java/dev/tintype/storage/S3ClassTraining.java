package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the S3 client through its usual requests against {@link CannedS3}, so that the run which
 * writes the launcher's class-data archive puts the AWS SDK's classes in it even when that run
 * stored nothing in S3 (a filesystem sync, a {@code list}). Without them, every S3 run loads about
 * 2,400 SDK classes from the jar: measured on a next-day sync of 2,002 packages into S3Proxy, 2.0 s
 * against 1.65 s with them archived.
 */
public final class S3ClassTraining {
  private S3ClassTraining() {}

  /** Never fails and prints nothing: a failure only leaves classes out of the archive. */
  public static void run() {
    try (CannedS3 endpoint = CannedS3.start();
        S3Storage s3 = open(endpoint)) {
      byte[] bytes = "hello".getBytes(StandardCharsets.US_ASCII);
      s3.exists("pool/aa/bb/training/training.tar.gz");
      s3.exists("cran/latest/manifest.json");
      s3.put("cran/training/PACKAGES", bytes);
      s3.replace("cran/training/PACKAGES.gz", bytes);
      try (InputStream in = s3.open("cran/training/PACKAGES")) {
        in.readAllBytes();
      }
      s3.list("cran/training");
      s3.objects().copy("cran/training/PACKAGES", "cran/latest/PACKAGES", (String) null);
      s3.delete("cran/training/PACKAGES");
    } catch (Exception | LinkageError e) {
      // Nothing to report: the run itself is done, and the archive is only smaller.
    }
  }

  /** A storage on the stand-in's bucket, with made-up credentials it does not check. */
  static S3Storage open(CannedS3 endpoint) throws IOException {
    return S3Storage.open(
        new StorageConfig.S3(
            "training",
            "",
            "us-east-1",
            Optional.of(URI.create("http://127.0.0.1:" + endpoint.port())),
            true),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("training", "training")));
  }
}
