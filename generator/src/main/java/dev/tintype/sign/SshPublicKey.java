package dev.tintype.sign;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** An ed25519 public key as SSH encodes it: the 32 bytes of RFC 8032. */
public final class SshPublicKey {
  static final String TYPE = "ssh-ed25519";
  private static final int SIZE = 32;

  private final byte[] raw;

  private SshPublicKey(byte[] raw) {
    this.raw = raw.clone();
  }

  static SshPublicKey ofRaw(byte[] raw) throws SshWire.MalformedException {
    if (raw.length != SIZE) {
      throw new SshWire.MalformedException(
          "an ed25519 public key of " + raw.length + " bytes, not " + SIZE);
    }
    return new SshPublicKey(raw);
  }

  /** Decodes the wire blob {@code string "ssh-ed25519", string key}; another type is refused. */
  static SshPublicKey ofBlob(byte[] blob) throws SshWire.MalformedException {
    SshWire.Reader r = new SshWire.Reader(blob);
    String type = r.text();
    if (!type.equals(TYPE)) {
      throw new SshWire.MalformedException("a " + printable(type) + " key, not " + TYPE);
    }
    SshPublicKey k = ofRaw(r.string());
    if (r.remaining() != 0) {
      throw new SshWire.MalformedException("trailing bytes after the key");
    }
    return k;
  }

  byte[] blob() {
    return new SshWire.Writer().string(TYPE).string(raw).bytes();
  }

  /** As {@code ssh-keygen -l} prints it: {@code SHA256:} and unpadded base64. */
  public String fingerprint() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(blob());
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as an {@code ssh-ed25519 AAAA...} line, for an authorized or allowed signers file. */
  public String openSshLine() {
    return TYPE + " " + Base64.getEncoder().encodeToString(blob());
  }

  PublicKey jdk() throws GeneralSecurityException {
    // RFC 8032: little-endian y, with the sign of x in the top bit of the last byte.
    byte[] be = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      be[i] = raw[SIZE - 1 - i];
    }
    boolean xOdd = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(
            new EdECPublicKeySpec(
                NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
  }

  static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshPublicKey k && Arrays.equals(raw, k.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "ed25519 key " + fingerprint();
  }
}
