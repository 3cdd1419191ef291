package dev.tintype.bundle;

import dev.tintype.format.layout.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;

final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    return Sha256.newDigest();
  }

  static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  static String sha256(byte[] content) {
    return Sha256.hash(content).hex();
  }
}
