package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest a bundle carries must describe exactly what the bundle and the storage hold for it:
 * every file it lists is in the bundle or already in the pool, with the same size and sha256, and
 * every file in the bundle is listed.
 */
final class ManifestCheck {
  private final Bundle bundle;
  private final Toc toc;
  private final Storage storage;
  private final Set<String> purged;

  /** {@code purged}: pool keys that may be missing from both, as a purge deleted them. */
  ManifestCheck(Bundle bundle, Storage storage, Set<String> purged) {
    this.bundle = bundle;
    this.toc = bundle.toc();
    this.storage = storage;
    this.purged = purged;
  }

  void check(Manifest m) throws IOException {
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    if (!m.repo().equals(toc.repo())
        || !m.date().equals(toc.date())
        || !m.type().equals(toc.type())) {
      throw bad(
          "carries a manifest of %s %s/%s, but its table of contents says %s %s/%s"
              .formatted(m.type(), m.repo(), m.date(), toc.type(), toc.repo(), toc.date()));
    }
    Set<String> listed = new HashSet<>();
    listed.add(Layout.manifest(repo, date));
    listed.add(Layout.manifestSignature(repo, date));
    for (FileEntry f : m.files()) {
      String key = Layout.snapshotFile(repo, date, f.path());
      listed.add(key);
      Toc.BundleFile b =
          bundle
              .file(key)
              .orElseThrow(() -> bad("lacks %s, which its manifest lists".formatted(key)));
      requireSame(b, f);
    }
    Set<String> pool = new HashSet<>();
    for (FileEntry f : m.pool()) {
      pool.add(f.path());
      listed.add(f.path());
      Optional<Toc.BundleFile> b = bundle.file(f.path());
      if (b.isPresent()) {
        requireSame(b.get(), f);
      } else if (!purged.contains(f.path())
          && !storage.size(f.path()).map(s -> s == f.size()).orElse(false)) {
        throw bad(
            "lacks pool file %s (%d bytes), which %s does not have either"
                .formatted(f.path(), f.size(), storage.describe()));
      }
    }
    for (LinkEntry l : m.links()) {
      if (!pool.contains(l.pool())) {
        throw bad("has a manifest that links %s to an unlisted %s".formatted(l.path(), l.pool()));
      }
    }
    for (Toc.BundleFile b : toc.files()) {
      if (!listed.contains(b.path())) {
        throw bad("holds %s, which its manifest does not list".formatted(b.path()));
      }
    }
  }

  private void requireSame(Toc.BundleFile b, FileEntry f) throws BadBundleException {
    if (b.size() != f.size() || !b.sha256().equals(f.sha256())) {
      throw bad(
          "lists %s with %d bytes, sha256 %s, but its manifest says %d bytes, sha256 %s"
              .formatted(b.path(), b.size(), b.sha256(), f.size(), f.sha256()));
    }
  }

  private BadBundleException bad(String what) {
    return new BadBundleException(
        "bundle %s of %s %s".formatted(bundle.dir(), bundle.describe(), what));
  }
}
