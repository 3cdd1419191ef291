package dev.tintype.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  static String sha256(byte[] content) {
    MessageDigest d = sha256();
    d.update(content);
    return hex(d);
  }
}
