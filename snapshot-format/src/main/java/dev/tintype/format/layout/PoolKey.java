package dev.tintype.format.layout;

import java.util.Objects;

/** A parsed pool key, {@code pool/ab/cd/<sha256>/<fileName>}. */
public record PoolKey(Sha256 sha256, String fileName) {
  public PoolKey {
    Objects.requireNonNull(sha256, "sha256");
    FileName.requireSafe(fileName, "pool file");
  }

  /** The key this record stands for. */
  public String key() {
    return Layout.poolFile(sha256, fileName);
  }
}
