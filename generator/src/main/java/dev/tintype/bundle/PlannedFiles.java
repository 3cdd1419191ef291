package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.storage.Storage;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a bundle of one snapshot carries, in the order of its table of contents, streamed from
 * the manifests in storage one entry at a time: the snapshot's pool files that the base snapshot
 * does not reference and no purge deleted, its own files, then {@code tail} (its manifest signature
 * and manifest). Each key is checked with {@link Keys#kind}.
 */
final class PlannedFiles implements Closeable {
  private final RepoName repo;
  private final SnapshotDate date;
  private final Storage storage;
  private final Set<String> purged;
  private final List<Toc.BundleFile> tail;
  private final Set<String> listedPurged = new HashSet<>();
  private ManifestFiles pool;
  private ManifestFiles base;
  private FileEntry baseAt;
  private ManifestFiles own;
  private int tailAt;

  PlannedFiles(
      Storage storage,
      RepoName repo,
      SnapshotDate date,
      Optional<SnapshotDate> since,
      Set<String> purged,
      List<Toc.BundleFile> tail)
      throws IOException {
    this.storage = storage;
    this.repo = repo;
    this.date = date;
    this.purged = purged;
    this.tail = tail;
    String key = Layout.manifest(repo, date);
    this.pool = ManifestFiles.openPool(storage.open(key), key);
    if (since.isPresent()) {
      String baseKey = Layout.manifest(repo, since.get());
      this.base = ManifestFiles.openPool(storage.open(baseKey), baseKey);
      this.baseAt = base.next();
    }
  }

  /** The next file, or null after the last. */
  Toc.BundleFile next() throws IOException {
    Toc.BundleFile f = nextUnchecked();
    if (f != null) {
      Keys.kind(f.path(), repo, date);
    }
    return f;
  }

  private Toc.BundleFile nextUnchecked() throws IOException {
    while (pool != null) {
      FileEntry f = pool.next();
      if (f == null) {
        closeLists();
        String key = Layout.manifest(repo, date);
        own = ManifestFiles.open(storage.open(key), key);
        break;
      }
      if (purged.contains(f.path())) {
        // A purged file is gone from the pool: the bundle leaves it out and carries its purge.
        listedPurged.add(f.path());
        continue;
      }
      if (!inBase(f.path())) {
        return new Toc.BundleFile(f.path(), f.size(), f.sha256());
      }
    }
    if (own != null) {
      FileEntry f = own.next();
      if (f != null) {
        return new Toc.BundleFile(Layout.snapshotFile(repo, date, f.path()), f.size(), f.sha256());
      }
      own.close();
      own = null;
    }
    return tailAt < tail.size() ? tail.get(tailAt++) : null;
  }

  /** Both pool lists are sorted by path: the base's is walked alongside. */
  private boolean inBase(String path) throws IOException {
    while (baseAt != null && baseAt.path().compareTo(path) < 0) {
      baseAt = base.next();
    }
    return baseAt != null && baseAt.path().equals(path);
  }

  /** The purged pool keys the snapshot lists, once the pool list has been read. */
  Set<String> listedPurged() {
    return listedPurged;
  }

  private void closeLists() throws IOException {
    IOException failure = null;
    for (Closeable c : new Closeable[] {pool, base, own}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    pool = null;
    base = null;
    baseAt = null;
    own = null;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws IOException {
    closeLists();
  }
}
