package dev.tintype.format.layout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5, which CRAN's {@code MD5sum} field and S3's {@code Content-MD5} still use. With {@link
 * Sha256} the one place that makes digests.
 */
public final class Md5 {
  private Md5() {}

  /** A fresh MD5 digester (every JVM has one, so no checked exception). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** Lower-case hex of a finished digest, as {@code MD5sum} fields write it. */
  public static String hex(byte[] digest) {
    return Hex.lower(digest);
  }
}
