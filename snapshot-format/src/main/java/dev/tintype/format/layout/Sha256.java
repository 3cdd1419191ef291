package dev.tintype.format.layout;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex digits: the identity of a pool file. */
public record Sha256(String hex) {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

  public Sha256 {
    if (hex == null || !FORM.matcher(hex).matches()) {
      throw new IllegalArgumentException("bad sha256 '" + hex + "': expected 64 lower-case hex");
    }
  }

  public static Sha256 of(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("sha256 digest must be 32 bytes, got " + digest.length);
    }
    return new Sha256(HexFormat.of().formatHex(digest));
  }

  @Override
  public String toString() {
    return hex;
  }
}
