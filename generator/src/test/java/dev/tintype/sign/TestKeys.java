package dev.tintype.sign;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Base64;

/**
 * Fresh ed25519 keys in OpenSSH's formats, made with the JDK, for tests that must run without
 * ssh-keygen. The private key text is what {@code ssh-keygen -t ed25519 -N ''} writes.
 */
public final class TestKeys {
  /** A private key file's text, and its public key as an {@code ssh-ed25519 AAAA...} line. */
  public record Pair(String privateText, String publicLine, String fingerprint) {
    public SigningKey signingKey() throws KeyException {
      return SigningKey.parse(privateText, "test key");
    }

    /** An allowed_signers line for principal tintype. */
    public String allowedSigner() {
      return "tintype namespaces=\"tintype\" " + publicLine;
    }
  }

  private TestKeys() {}

  public static Pair ed25519() {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pub = raw((EdECPublicKey) kp.getPublic());
      byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow();
      byte[] both = new byte[64];
      System.arraycopy(seed, 0, both, 0, 32);
      System.arraycopy(pub, 0, both, 32, 32);
      byte[] pubBlob = new SshWire.Writer().string("ssh-ed25519").string(pub).bytes();
      SshWire.Writer priv =
          new SshWire.Writer()
              .uint32(0x5eed)
              .uint32(0x5eed)
              .string("ssh-ed25519")
              .string(pub)
              .string(both)
              .string("test");
      int len = priv.bytes().length;
      for (int i = 1; (len + i - 1) % 8 != 0; i++) {
        priv.raw(new byte[] {(byte) i});
      }
      byte[] file =
          new SshWire.Writer()
              .raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
              .string("none")
              .string("none")
              .string(new byte[0])
              .uint32(1)
              .string(pubBlob)
              .string(priv.bytes())
              .bytes();
      String b64 = Base64.getEncoder().encodeToString(file);
      StringBuilder text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
      for (int i = 0; i < b64.length(); i += 70) {
        text.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
      }
      text.append("-----END OPENSSH PRIVATE KEY-----\n");
      SshPublicKey k = SshPublicKey.ofRaw(pub);
      return new Pair(text.toString(), k.openSshLine() + " test", k.fingerprint());
    } catch (GeneralSecurityException | SshWire.MalformedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] raw(EdECPublicKey k) {
    BigInteger y = k.getPoint().getY();
    byte[] be = y.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (k.getPoint().isXOdd()) {
      le[31] |= (byte) 0x80;
    }
    return le;
  }
}
