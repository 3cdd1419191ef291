package dev.tintype.bundle;

import dev.tintype.format.layout.Sha256;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * What an export or import needs of a manifest besides its entries: its repo, type and date, and
 * its size and sha256, read in one pass without holding it (a large PyPI mirror's is hundreds of
 * MB).
 */
record ManifestHead(String repo, String type, String date, long size, String sha256) {
  static ManifestHead read(Storage storage, String key) throws IOException {
    return read(storage.open(key), key);
  }

  /**
   * Reads the manifest in {@code raw} (closed after) to its end; {@code key} names it in errors.
   */
  static ManifestHead read(InputStream raw, String key) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    try (raw;
        Counting in = new Counting(new DigestInputStream(raw, sha))) {
      ManifestSummary m = ManifestSummary.read(in, key);
      in.transferTo(OutputStream.nullOutputStream());
      return new ManifestHead(
          m.repo(), m.type(), m.date(), in.count, Sha256.of(sha.digest()).hex());
    }
  }

  private static final class Counting extends java.io.FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
