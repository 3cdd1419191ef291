package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the one S3 client of a storage, tuned for many small objects on any S3-compatible store.
 */
final class S3Clients {
  private static final int MAX_ATTEMPTS = 6;

  private S3Clients() {}

  static S3Client build(StorageConfig.S3 cfg, AwsCredentialsProvider credentials, int workers) {
    S3ClientBuilder b =
        S3Client.builder()
            .region(Region.of(cfg.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(cfg.pathStyle())
            // Over plain HTTP the SDK would sign every 128 KiB chunk (aws-chunked); one payload
            // hash per object is much cheaper for the server and us (measured: bench/s3).
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            // S3-compatible stores (S3Proxy, older MinIO) reject the CRC32 headers sent by default.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(4 * workers + 8)
                    // Most objects are small: a 100-continue round trip would cost more than it
                    // saves on the rare refused PUT.
                    .expectContinueEnabled(false)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            // Standard retries back off exponentially, longer still on throttling (SlowDown, 503).
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .build()));
    cfg.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }
}
