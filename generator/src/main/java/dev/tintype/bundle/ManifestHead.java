package dev.tintype.bundle;

import dev.tintype.format.layout.Sha256;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * What an export needs of a manifest besides its entries: its repo, type and date, and its size and
 * sha256, read in one pass without holding it (a large PyPI mirror's is over 100 MB).
 */
record ManifestHead(String repo, String type, String date, long size, String sha256) {
  static ManifestHead read(Storage storage, String key) throws IOException {
    long size = storage.size(key).orElseThrow(() -> new NoSuchFileException(key));
    MessageDigest sha = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(storage.open(key), sha)) {
      ManifestSummary m = ManifestSummary.read(in, key);
      in.transferTo(OutputStream.nullOutputStream());
      return new ManifestHead(m.repo(), m.type(), m.date(), size, Sha256.of(sha.digest()).hex());
    }
  }
}
