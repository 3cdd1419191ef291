package dev.tintype.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An unencrypted OpenSSH ed25519 private key ({@code ssh-keygen -t ed25519 -N ''}), read from the
 * {@code openssh-key-v1} format. Errors name where the key came from and never print its bytes;
 * {@link #toString} gives the public fingerprint only.
 */
public final class SigningKey {
  private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String HOW = "make one with: ssh-keygen -t ed25519 -N '' -f FILE";

  private final PrivateKey key;
  private final SshPublicKey publicKey;

  private SigningKey(PrivateKey key, SshPublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /** Reads the key file; {@code source} says where it was configured, for errors. */
  public static SigningKey load(Path file) throws KeyException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new KeyException("signing key " + file + " does not exist");
    } catch (IOException e) {
      throw new KeyException("cannot read signing key " + file + ": " + e.getMessage(), e);
    }
    return parse(text, "signing key " + file);
  }

  /** Parses the key's text; {@code what} names it in errors (a file, an environment variable). */
  public static SigningKey parse(String text, String what) throws KeyException {
    String t = text.strip();
    int begin = t.indexOf(BEGIN);
    int end = t.indexOf(END);
    if (begin < 0 || end < begin) {
      String kind =
          t.startsWith("-----BEGIN ") && t.contains("PRIVATE KEY-----")
              ? "a PEM key ("
                  + SshPublicKey.printable(t.substring(11, t.indexOf("-----", 11)))
                  + ")"
              : "not a key";
      throw new KeyException(
          what
              + " is not an OpenSSH private key (it is "
              + kind
              + "); tintype needs ed25519: "
              + HOW);
    }
    byte[] data;
    try {
      data = Base64.getMimeDecoder().decode(t.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new KeyException(what + " is not valid base64 between its BEGIN and END lines");
    }
    try {
      return decode(data, what);
    } catch (SshWire.MalformedException e) {
      throw new KeyException(what + " is a damaged OpenSSH private key: " + e.getMessage());
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  private static SigningKey decode(byte[] data, String what)
      throws SshWire.MalformedException, KeyException {
    SshWire.Reader r = new SshWire.Reader(data);
    if (!Arrays.equals(r.bytes(MAGIC.length), MAGIC)) {
      throw new SshWire.MalformedException("no openssh-key-v1 header");
    }
    String cipher = r.text();
    String kdf = r.text();
    r.string(); // kdf options
    if (!cipher.equals("none") || !kdf.equals("none")) {
      throw new KeyException(
          what
              + " is encrypted with a passphrase ("
              + SshPublicKey.printable(cipher)
              + "); tintype runs unattended and needs an unencrypted key: "
              + HOW
              + ", and protect the file by its permissions");
    }
    int count = r.uint32();
    if (count != 1) {
      throw new SshWire.MalformedException("holds " + count + " keys, expected 1");
    }
    byte[] pubBlob = r.string();
    String type = new SshWire.Reader(pubBlob).text();
    if (!type.equals(SshPublicKey.TYPE)) {
      throw new KeyException(
          what
              + " is a "
              + SshPublicKey.printable(type)
              + " key; tintype signs with ed25519: "
              + HOW);
    }
    SshPublicKey pub = SshPublicKey.ofBlob(pubBlob);
    SshWire.Reader p = new SshWire.Reader(r.string());
    if (p.uint32() != p.uint32()) {
      throw new SshWire.MalformedException("its check numbers differ");
    }
    if (!p.text().equals(SshPublicKey.TYPE) || !SshPublicKey.ofRaw(p.string()).equals(pub)) {
      throw new SshWire.MalformedException("its private part is not of its public key");
    }
    byte[] both = p.string();
    if (both.length != 64) {
      throw new SshWire.MalformedException("an ed25519 private key of " + both.length + " bytes");
    }
    byte[] seed = Arrays.copyOf(both, 32);
    Arrays.fill(both, (byte) 0);
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      SigningKey k = new SigningKey(key, pub);
      k.requireConsistent(what);
      return k;
    } catch (GeneralSecurityException e) {
      throw new KeyException(what + ": the JDK refuses the ed25519 key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  // A file whose public half was swapped would sign with one key and claim another.
  private void requireConsistent(String what) throws GeneralSecurityException, KeyException {
    byte[] probe = "tintype key check".getBytes(StandardCharsets.US_ASCII);
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(publicKey.jdk());
    v.update(probe);
    if (!v.verify(sign(probe))) {
      throw new KeyException(what + ": its private key does not match its public key");
    }
  }

  byte[] sign(byte[] data) throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  public SshPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "signing key " + publicKey.fingerprint();
  }
}
