package dev.tintype.sync;

import dev.tintype.format.manifest.FileEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HexFormat;

/** Manifest entries in binary, compactly (the digests as bytes), for scratch files. */
public final class EntryCodec {
  private static final HexFormat HEX = HexFormat.of();

  private EntryCodec() {}

  /** An entry under a key; the path is written only where it differs from the key. */
  static void writeEntry(DataOutputStream out, String key, FileEntry e) throws IOException {
    out.writeUTF(key);
    boolean keyIsPath = key.equals(e.path());
    out.writeBoolean(keyIsPath);
    if (!keyIsPath) {
      out.writeUTF(e.path());
    }
    writeBody(out, e);
  }

  static FileEntry readEntry(DataInputStream in, String key) throws IOException {
    return readBody(in, in.readBoolean() ? key : in.readUTF());
  }

  /** Reads past what {@link #writeEntry} wrote after the key. */
  static void skipEntry(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      in.readUTF();
    }
    in.skipNBytes(8 + 32);
    if (in.readBoolean()) {
      in.skipNBytes(16);
    }
  }

  /** Writes one entry compactly (the digests as bytes), for {@link #read}. */
  public static void write(DataOutputStream out, FileEntry e) throws IOException {
    out.writeUTF(e.path());
    writeBody(out, e);
  }

  public static FileEntry read(DataInputStream in) throws IOException {
    return readBody(in, in.readUTF());
  }

  private static void writeBody(DataOutputStream out, FileEntry e) throws IOException {
    out.writeLong(e.size());
    out.write(HEX.parseHex(e.sha256()));
    out.writeBoolean(e.md5() != null);
    if (e.md5() != null) {
      out.write(HEX.parseHex(e.md5()));
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
      md5 = HEX.formatHex(m);
    }
    return new FileEntry(path, size, HEX.formatHex(sha), md5);
  }
}
