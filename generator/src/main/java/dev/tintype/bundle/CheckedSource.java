package dev.tintype.bundle;

import dev.tintype.format.layout.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/** The file being copied, possibly across chunks, and checked against its sha256 at its end. */
final class CheckedSource {
  private final byte[] buffer = new byte[1 << 16];
  private Toc.BundleFile file;
  private InputStream in;
  private MessageDigest sha;
  private long copied;

  void open(Toc.BundleFile f, InputStream raw) {
    this.file = f;
    this.sha = Sha256.newDigest();
    this.in = new DigestInputStream(raw, sha);
    this.copied = 0;
  }

  void copy(java.io.OutputStream out, long length) throws IOException {
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException(
            "%s: ends after %d bytes, but the manifest says %d"
                .formatted(file.path(), copied, file.size()));
      }
      out.write(buffer, 0, n);
      left -= n;
      copied += n;
    }
  }

  void finish() throws IOException {
    try {
      if (in.read() >= 0) {
        throw new IOException(
            "%s: longer than the %d bytes the manifest says".formatted(file.path(), file.size()));
      }
      String actual = Sha256.of(sha.digest()).hex();
      if (!actual.equals(file.sha256())) {
        throw new IOException(
            "%s: sha256 %s, but the manifest says %s; run 'tintype verify' on the source"
                .formatted(file.path(), actual, file.sha256()));
      }
    } finally {
      in.close();
      in = null;
    }
  }

  void closeQuietly(Exception failure) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
