package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Publishes CRAN-like snapshots by hand, the way sync does, for tests that need no upstream. */
final class HandMade {
  static final RepoName CRAN = new RepoName("cran");

  private final Map<String, byte[]> packages = new LinkedHashMap<>();
  private SigningKey signingKey;

  /** Signs the snapshots it publishes, as sync does with {@code signing.key}. */
  HandMade signedWith(SigningKey key) {
    this.signingKey = key;
    return this;
  }

  /** A package tarball of {@code size} pseudo-random bytes, seeded by its name. */
  HandMade pkg(String fileName, int size) {
    byte[] b = new byte[size];
    new Random(fileName.hashCode()).nextBytes(b);
    packages.put(fileName, b);
    return this;
  }

  HandMade without(String fileName) {
    packages.remove(fileName);
    return this;
  }

  /** Stores the pool files, then commits the snapshot with a PACKAGES index and links. */
  byte[] publish(Storage storage, String date) throws IOException {
    SnapshotDate d = SnapshotDate.parse(date);
    List<FileEntry> pool = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>();
    List<FileEntry> files = new ArrayList<>();
    StringBuilder index = new StringBuilder();
    for (Map.Entry<String, byte[]> p : packages.entrySet()) {
      String sha = Sha256.hash(p.getValue()).hex();
      String key = Layout.poolFile(new Sha256(sha), p.getKey());
      storage.put(key, p.getValue());
      pool.add(new FileEntry(key, p.getValue().length, sha, null));
      links.add(new LinkEntry(Layout.cranContribFile(p.getKey()), key));
      index.append("Package: ").append(p.getKey()).append("\nSHA256: ").append(sha).append("\n\n");
    }
    byte[] packagesFile = index.toString().getBytes(StandardCharsets.UTF_8);
    try (SnapshotTransaction tx = storage.begin(CRAN, d)) {
      tx.write("src/contrib/PACKAGES", packagesFile);
      files.add(
          new FileEntry(
              "src/contrib/PACKAGES", packagesFile.length, Sha256.hash(packagesFile).hex(), null));
      for (LinkEntry l : links) {
        tx.link(l.path(), l.pool());
      }
      Manifest m =
          new Manifest(
              Manifest.FORMAT, "cran", "cran", date, packages.size(), Map.of(), files, links, pool);
      byte[] bytes = ManifestJson.write(m);
      if (signingKey != null) {
        tx.write(
            Layout.MANIFEST_SIGNATURE,
            SshSignature.sign(signingKey, new java.io.ByteArrayInputStream(bytes)));
      }
      tx.commit(bytes);
      Snapshots.repairLatest(storage, CRAN);
      return bytes;
    }
  }
}
