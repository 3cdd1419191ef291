package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.manifest.ManifestLinks;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.Storage;
import dev.tintype.sync.EntrySpool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The manifest a bundle carries must describe exactly what the bundle and the storage hold for it:
 * every file it lists is in the bundle or already in the pool, with the same size and sha256, and
 * every file in the bundle is listed. Both sides are sorted by path, so each list is checked by
 * walking the two side by side; the links, sorted by path, are sorted by pool key in a spool first.
 */
final class ManifestCheck {
  private static final int RUN = 50_000;
  private final Bundle bundle;
  private final Toc toc;
  private final Path tocFile;
  private final Storage storage;
  private final Set<String> purged;
  private final Path work;

  /**
   * {@code purged}: pool keys that may be missing from both, as a purge deleted them; {@code
   * tocFile}: the checked copy of the table of contents; {@code work}: scratch for the link spool.
   */
  ManifestCheck(Bundle bundle, Path tocFile, Storage storage, Set<String> purged, Path work) {
    this.bundle = bundle;
    this.toc = bundle.head();
    this.tocFile = tocFile;
    this.storage = storage;
    this.purged = purged;
    this.work = work;
  }

  void check(Path manifest) throws IOException {
    String source = manifest.toString();
    ManifestSummary m;
    try (InputStream in = Files.newInputStream(manifest)) {
      m = ManifestSummary.read(in, source);
    }
    if (!m.repo().equals(toc.repo())
        || !m.date().equals(toc.date())
        || !m.type().equals(toc.type())) {
      throw bad(
          "carries a manifest of %s %s/%s, but its table of contents says %s %s/%s"
              .formatted(m.type(), m.repo(), m.date(), toc.type(), toc.repo(), toc.date()));
    }
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    try (ManifestFiles files = ManifestFiles.open(Files.newInputStream(manifest), source);
        KindFiles held = new KindFiles(tocFile, toc, Keys.Kind.SNAPSHOT_FILE)) {
      Toc.BundleFile b = held.next();
      for (FileEntry f; (f = files.next()) != null; ) {
        String key = Layout.snapshotFile(repo, date, f.path());
        b = unlistedBefore(b, key);
        if (b == null || !b.path().equals(key)) {
          throw bad("lacks %s, which its manifest lists".formatted(key));
        }
        requireSame(b, f);
        b = held.next();
      }
      unlistedBefore(b, null);
    }
    try (ManifestFiles pool = ManifestFiles.openPool(Files.newInputStream(manifest), source);
        KindFiles held = new KindFiles(tocFile, toc, Keys.Kind.POOL)) {
      Toc.BundleFile b = held.next();
      for (FileEntry f; (f = pool.next()) != null; ) {
        b = unlistedBefore(b, f.path());
        if (b != null && b.path().equals(f.path())) {
          requireSame(b, f);
          b = held.next();
        } else if (!purged.contains(f.path()) && !stored(f)) {
          throw bad(
              "lacks pool file %s (%d bytes), which %s does not have either"
                  .formatted(f.path(), f.size(), storage.describe()));
        }
      }
      unlistedBefore(b, null);
    }
    checkLinks(manifest);
  }

  private boolean stored(FileEntry f) throws IOException {
    return storage.size(f.path()).map(s -> s == f.size()).orElse(false);
  }

  /** Refuses a bundle file that sorts before {@code key} (or any, with null): none lists it. */
  private Toc.BundleFile unlistedBefore(Toc.BundleFile b, String key) throws BadBundleException {
    if (b != null && (key == null || b.path().compareTo(key) < 0)) {
      throw bad("holds %s, which its manifest does not list".formatted(b.path()));
    }
    return b;
  }

  private void checkLinks(Path manifest) throws IOException {
    String source = manifest.toString();
    try (EntrySpool<LinkEntry> byPool =
        new EntrySpool<>(
            work, "import-links", LINK, LinkEntry::pool, EntrySpool.Duplicates.KEEP_FIRST, RUN)) {
      try (ManifestLinks links = ManifestLinks.open(Files.newInputStream(manifest), source)) {
        for (LinkEntry l; (l = links.next()) != null; ) {
          byPool.add(l);
        }
      }
      try (ManifestFiles pool = ManifestFiles.openPool(Files.newInputStream(manifest), source)) {
        FileEntry at = pool.next();
        for (LinkEntry l : byPool.sorted()) {
          while (at != null && at.path().compareTo(l.pool()) < 0) {
            at = pool.next();
          }
          if (at == null || !at.path().equals(l.pool())) {
            throw bad(
                "has a manifest that links %s to an unlisted %s".formatted(l.path(), l.pool()));
          }
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static final EntrySpool.Codec<LinkEntry> LINK =
      new EntrySpool.Codec<>() {
        @Override
        public void write(LinkEntry l, java.io.DataOutputStream out) throws IOException {
          out.writeUTF(l.path());
          out.writeUTF(l.pool());
        }

        @Override
        public LinkEntry read(java.io.DataInputStream in) throws IOException {
          return new LinkEntry(in.readUTF(), in.readUTF());
        }
      };

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
