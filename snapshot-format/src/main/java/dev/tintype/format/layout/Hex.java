package dev.tintype.format.layout;

import java.nio.charset.StandardCharsets;

/**
 * Lower-case hex of digests, as manifests, {@code MD5sum} fields and pool keys write them. Over
 * bytes, not chars: {@link java.util.HexFormat} goes char by char, which under the launcher's
 * C1-only JIT showed in a PyPI nightly's profile.
 */
public final class Hex {
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  private Hex() {}

  /** The lower-case hex digits of {@code b}, two per byte. */
  public static String lower(byte[] b) {
    byte[] out = new byte[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[b[i] & 0xF];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
