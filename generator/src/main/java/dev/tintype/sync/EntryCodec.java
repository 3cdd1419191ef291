package dev.tintype.sync;

import dev.tintype.format.layout.Hex;
import dev.tintype.format.manifest.FileEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Manifest entries in binary, compactly (the digests as bytes), for scratch files. Text goes as its
 * UTF-8 bytes after their count, and digits are converted over byte arrays ({@link Hex}): {@link
 * DataOutputStream#writeUTF}, {@link DataInputStream#readUTF} and {@link java.util.HexFormat} go
 * char by char, which under the launcher's C1-only JIT was a fifth of a PyPI nightly's samples.
 */
public final class EntryCodec {
  private EntryCodec() {}

  /** Writes {@code s} for {@link #readText}; as with writeUTF, at most 65,535 bytes. */
  public static void writeText(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xFFFF) {
      throw new UTFDataFormatException(
          "text of "
              + b.length
              + " bytes, more than a scratch record holds: "
              + s.substring(0, 80));
    }
    out.writeShort(b.length);
    out.write(b);
  }

  public static String readText(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  static void skipText(DataInputStream in) throws IOException {
    in.skipNBytes(in.readUnsignedShort());
  }

  /** An entry under a key; the path is written only where it differs from the key. */
  static void writeEntry(DataOutputStream out, String key, FileEntry e) throws IOException {
    writeText(out, key);
    boolean keyIsPath = key.equals(e.path());
    out.writeBoolean(keyIsPath);
    if (!keyIsPath) {
      writeText(out, e.path());
    }
    writeBody(out, e);
  }

  static FileEntry readEntry(DataInputStream in, String key) throws IOException {
    return readBody(in, in.readBoolean() ? key : readText(in));
  }

  /** Reads past what {@link #writeEntry} wrote after the key. */
  static void skipEntry(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      skipText(in);
    }
    in.skipNBytes(8 + 32);
    if (in.readBoolean()) {
      in.skipNBytes(16);
    }
  }

  /** Writes one entry compactly (the digests as bytes), for {@link #read}. */
  public static void write(DataOutputStream out, FileEntry e) throws IOException {
    writeText(out, e.path());
    writeBody(out, e);
  }

  public static FileEntry read(DataInputStream in) throws IOException {
    return readBody(in, readText(in));
  }

  private static void writeBody(DataOutputStream out, FileEntry e) throws IOException {
    out.writeLong(e.size());
    out.write(fromHex(e.sha256()));
    out.writeBoolean(e.md5() != null);
    if (e.md5() != null) {
      out.write(fromHex(e.md5()));
    }
  }

  private static FileEntry readBody(DataInputStream in, String path) throws IOException {
    long size = in.readLong();
    byte[] sha = new byte[32];
    in.readFully(sha);
    String md5 = null;
    if (in.readBoolean()) {
      byte[] m = new byte[16];
      in.readFully(m);
      md5 = Hex.lower(m);
    }
    return new FileEntry(path, size, Hex.lower(sha), md5);
  }

  /** The bytes of lower-case hex digits a FileEntry has already checked. */
  static byte[] fromHex(String hex) {
    byte[] in = hex.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[in.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(in[2 * i]) << 4) | digit(in[2 * i + 1]));
    }
    return out;
  }

  private static int digit(byte c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }
}
