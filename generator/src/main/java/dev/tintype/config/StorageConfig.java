package dev.tintype.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Where snapshots are written: exactly one of a filesystem root or an S3 bucket. */
public record StorageConfig(Optional<Path> filesystem, Optional<S3> s3) {
  public StorageConfig {
    if (filesystem.isPresent() == s3.isPresent()) {
      throw new IllegalArgumentException("storage needs exactly one of filesystem or s3");
    }
  }

  /** An S3 bucket; credentials never come from here, only from the SDK's provider chain. */
  public record S3(
      String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle) {
    public S3 {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("s3.bucket is empty");
      }
      prefix = prefix == null ? "" : prefix;
      if (!prefix.isEmpty() && !prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
    }
  }
}
