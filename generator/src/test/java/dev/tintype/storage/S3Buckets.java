package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Fresh buckets on an in-process S3Proxy, and storages opened on them. */
public final class S3Buckets {
  private static final AtomicInteger N = new AtomicInteger();

  private S3Buckets() {}

  public static String fresh(S3ProxyServer server) {
    String bucket = "test-" + N.incrementAndGet();
    server.createBucket(bucket, false);
    return bucket;
  }

  static StorageConfig.S3 config(S3ProxyServer server, String bucket, String prefix) {
    return new StorageConfig.S3(
        bucket, prefix, S3ProxyServer.REGION, Optional.of(URI.create(server.endpoint())), true);
  }

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
  }

  public static S3Storage open(S3ProxyServer server, String bucket, String prefix)
      throws IOException {
    return S3Storage.open(config(server, bucket, prefix), credentials());
  }
}
