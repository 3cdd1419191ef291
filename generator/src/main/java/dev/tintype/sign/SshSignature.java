package dev.tintype.sign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A detached signature in OpenSSH's SSHSIG format (PROTOCOL.sshsig), which {@code ssh-keygen -Y
 * sign} writes and {@code ssh-keygen -Y verify} checks. The key signs the sha512 of the message,
 * bound to a namespace, so a tintype signature cannot be passed off as, say, a git one.
 */
public final class SshSignature {
  /** The namespace of every tintype signature. */
  public static final String NAMESPACE = "tintype";

  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
  private static final String END = "-----END SSH SIGNATURE-----";
  private static final int LINE = 70; // as ssh-keygen wraps it

  private final SshPublicKey key;
  private final String namespace;
  private final String hashAlgorithm;
  private final byte[] signature;

  private SshSignature(SshPublicKey key, String namespace, String hashAlgorithm, byte[] signature) {
    this.key = key;
    this.namespace = namespace;
    this.hashAlgorithm = hashAlgorithm;
    this.signature = signature;
  }

  /** Signs {@code message} (read to its end) and returns the armored signature file's bytes. */
  public static byte[] sign(SigningKey key, InputStream message) throws IOException {
    byte[] hash = digest("sha512", message);
    byte[] sig;
    try {
      sig = key.sign(signedData(NAMESPACE, "sha512", hash));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign with " + key + ": " + e.getMessage(), e);
    }
    byte[] blob =
        new SshWire.Writer()
            .raw(MAGIC)
            .uint32(VERSION)
            .string(key.publicKey().blob())
            .string(NAMESPACE)
            .string(new byte[0])
            .string("sha512")
            .string(new SshWire.Writer().string(SshPublicKey.TYPE).string(sig).bytes())
            .bytes();
    String b64 = Base64.getEncoder().encodeToString(blob);
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < b64.length(); i += LINE) {
      out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
    }
    return out.append(END).append('\n').toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Far above any ed25519 signature file (about 300 bytes), far below trouble. */
  private static final int MAX_FILE = 16 * 1024;

  /**
   * Reads a signature file from where anyone may have put it, refusing one too large to be a
   * signature rather than reading it whole.
   */
  public static byte[] read(InputStream in, String what) throws IOException {
    byte[] b = in.readNBytes(MAX_FILE + 1);
    if (b.length > MAX_FILE) {
      throw new SignatureProblem(
          what + " is larger than " + MAX_FILE + " bytes: not an SSH signature");
    }
    return b;
  }

  /** Reads an armored signature; {@code what} names it in the error. */
  public static SshSignature parse(byte[] armored, String what) throws SignatureProblem {
    String t = new String(armored, StandardCharsets.US_ASCII).strip();
    if (!t.startsWith(BEGIN) || !t.endsWith(END)) {
      throw new SignatureProblem(what + " is not an SSH signature (no " + BEGIN + " armor)");
    }
    byte[] blob;
    try {
      blob = Base64.getMimeDecoder().decode(t.substring(BEGIN.length(), t.length() - END.length()));
    } catch (IllegalArgumentException e) {
      throw new SignatureProblem(what + " is not an SSH signature (bad base64)");
    }
    try {
      SshWire.Reader r = new SshWire.Reader(blob);
      if (!Arrays.equals(r.bytes(MAGIC.length), MAGIC)) {
        throw new SshWire.MalformedException("no SSHSIG magic");
      }
      int version = r.uint32();
      if (version != VERSION) {
        throw new SshWire.MalformedException("version " + version + ", not " + VERSION);
      }
      SshPublicKey key = SshPublicKey.ofBlob(r.string());
      String namespace = r.text();
      r.string(); // reserved
      String hash = r.text();
      SshWire.Reader s = new SshWire.Reader(r.string());
      String sigType = s.text();
      if (!sigType.equals(SshPublicKey.TYPE)) {
        throw new SshWire.MalformedException("a " + SshPublicKey.printable(sigType) + " signature");
      }
      byte[] sig = s.string();
      if (r.remaining() != 0 || s.remaining() != 0) {
        throw new SshWire.MalformedException("trailing bytes");
      }
      return new SshSignature(key, namespace, hash, sig);
    } catch (SshWire.MalformedException e) {
      throw new SignatureProblem(what + " is not a usable SSH signature: " + e.getMessage());
    }
  }

  /** The key that made the signature, as the signature itself claims. */
  public SshPublicKey key() {
    return key;
  }

  /**
   * Checks the signature over {@code message} (read to its end) in the tintype namespace; {@code
   * what} names the signed thing in the error.
   */
  public void verify(InputStream message, String what) throws IOException {
    if (!namespace.equals(NAMESPACE)) {
      throw new SignatureProblem(
          what
              + " is signed for namespace "
              + SshPublicKey.printable(namespace)
              + ", not '"
              + NAMESPACE
              + "'");
    }
    if (!hashAlgorithm.equals("sha512") && !hashAlgorithm.equals("sha256")) {
      throw new SignatureProblem(
          what + " is signed over hash " + SshPublicKey.printable(hashAlgorithm));
    }
    byte[] hash = digest(hashAlgorithm, message);
    boolean ok;
    try {
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(key.jdk());
      v.update(signedData(namespace, hashAlgorithm, hash));
      ok = v.verify(signature);
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw new SignatureProblem(
          what
              + ": the signature by "
              + key.fingerprint()
              + " does not match the content; it changed after it was signed");
    }
  }

  private static byte[] signedData(String namespace, String hashAlgorithm, byte[] hash) {
    return new SshWire.Writer()
        .raw(MAGIC)
        .string(namespace)
        .string(new byte[0])
        .string(hashAlgorithm)
        .string(hash)
        .bytes();
  }

  private static byte[] digest(String algorithm, InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) >= 0; ) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }
}
