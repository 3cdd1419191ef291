package dev.tintype.storage;

import dev.tintype.format.layout.Sha256;

/**
 * The size, SHA-256 and MD5 of a file, computed by the caller from the very bytes it wrote (a
 * verified download), so that a store need not read the file again to learn them.
 */
public record KnownDigests(long size, String sha256, String md5) {
  public KnownDigests {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (!Sha256.isLowerHex(sha256, 64)) {
      throw new IllegalArgumentException("bad sha256 '" + sha256 + "': expected 64 hex digits");
    }
    if (!Sha256.isLowerHex(md5, 32)) {
      throw new IllegalArgumentException("bad MD5 '" + md5 + "': expected 32 hex digits");
    }
  }
}
