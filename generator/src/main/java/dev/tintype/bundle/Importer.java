package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.storage.FileTrees;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes the snapshot a bundle carries. Each chunk is checked against its sha256 before it is
 * read; entries stream into the pool through one scratch file each and are checked against their
 * sha256; the snapshot is then published as sync does, whole or not at all. Pool files already in
 * storage are skipped, so a rerun resumes an interrupted import.
 */
public final class Importer {
  private final Storage storage;

  public Importer(Storage storage) {
    this.storage = storage;
  }

  /** How an import ended. */
  public record Result(
      String snapshot,
      boolean published,
      int stored,
      long storedBytes,
      int alreadyPresent,
      int chunksRead,
      int chunksSkipped) {}

  public Result importBundle(Bundle bundle, BundleListener listener) throws IOException {
    Toc toc = bundle.toc();
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    String snapshot = repo + "/" + date;
    for (Toc.Chunk c : toc.chunks()) {
      if (!Files.isRegularFile(bundle.chunkPath(c))) {
        throw new BadBundleException(
            "bundle "
                + bundle.dir()
                + ": "
                + c.name()
                + " is missing (expected "
                + c.size()
                + " bytes, sha256 "
                + c.sha256()
                + "); nothing of "
                + snapshot
                + " was published");
      }
    }
    String holder = "import"; // the lock adds host, pid and start time
    try (StorageLock lock = storage.lock(repo, holder, false)) {
      Toc.BundleFile manifestFile = toc.files().get(bundle.manifestIndex());
      String published = storedSha256(Layout.manifest(repo, date));
      if (published != null) {
        if (!published.equals(manifestFile.sha256())) {
          throw new BadBundleException(
              snapshot
                  + " is already published in "
                  + storage.describe()
                  + " with another manifest (sha256 "
                  + published
                  + "; the bundle's is "
                  + manifestFile.sha256()
                  + "); a published snapshot is never rewritten");
        }
        Snapshots.repairLatest(storage, repo);
        return new Result(snapshot, false, 0, 0, 0, 0, toc.chunks().size());
      }
      if (toc.baseDate().isPresent()) {
        requireBase(bundle, repo, toc.baseDate().get());
      }
      // One per repository, as we hold its lock; no repository name starts with '_'.
      Path work = storage.scratch().resolve("_import-" + repo);
      FileTrees.deleteTree(work); // left by an interrupted import: pool files it stored are kept
      Files.createDirectories(work);
      try {
        Result r = new Run(bundle, work, listener).run();
        Snapshots.repairLatest(storage, repo);
        return r;
      } finally {
        FileTrees.deleteTree(work);
      }
    }
  }

  private void requireBase(Bundle bundle, RepoName repo, SnapshotDate base) throws IOException {
    String have = storedSha256(Layout.manifest(repo, base));
    if (have == null) {
      throw new BadBundleException(
          "bundle "
              + bundle.dir()
              + " of "
              + bundle.describe()
              + " is incremental on "
              + repo
              + "/"
              + base
              + ", which "
              + storage.describe()
              + " does not have; import the bundle of "
              + repo
              + "/"
              + base
              + " first");
    }
    if (!have.equals(bundle.toc().baseManifestSha256())) {
      throw new BadBundleException(
          repo
              + "/"
              + base
              + " in "
              + storage.describe()
              + " is not the snapshot bundle "
              + bundle.dir()
              + " builds on: its manifest has sha256 "
              + have
              + ", the bundle expects "
              + bundle.toc().baseManifestSha256());
    }
  }

  private String storedSha256(String key) throws IOException {
    if (!storage.exists(key)) {
      return null;
    }
    MessageDigest sha = Digests.sha256();
    try (InputStream in = storage.open(key)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return Digests.hex(sha);
  }

  /** One import, from chunks to commit. */
  private final class Run {
    private final Bundle bundle;
    private final Toc toc;
    private final Path work;
    private final BundleListener listener;
    private final boolean[] needed;
    private final byte[] buffer = new byte[1 << 16];
    private int stored;
    private long storedBytes;
    private int present;
    // The file whose pieces are being staged, and their running sha256, across chunk boundaries.
    private MessageDigest pending;
    private int pendingFile = -1;

    Run(Bundle bundle, Path work, BundleListener listener) {
      this.bundle = bundle;
      this.toc = bundle.toc();
      this.work = work;
      this.listener = listener;
      this.needed = new boolean[toc.files().size()];
    }

    Result run() throws IOException {
      List<Toc.BundleFile> files = toc.files();
      for (int i = 0; i < files.size(); i++) {
        Toc.BundleFile f = files.get(i);
        needed[i] =
            bundle.kind(i) != Keys.Kind.POOL
                || !storage.size(f.path()).map(s -> s == f.size()).orElse(false);
        if (!needed[i]) {
          present++;
        }
      }
      int read = 0;
      int skipped = 0;
      List<Toc.Chunk> chunks = toc.chunks();
      for (int c = 0; c < chunks.size(); c++) {
        Toc.Chunk chunk = chunks.get(c);
        if (chunk.entries().stream().noneMatch(e -> needed[bundle.indexOf(e.path())])) {
          listener.chunkSkipped(chunk.name(), c + 1, chunks.size());
          skipped++;
          continue;
        }
        listener.chunk(chunk.name(), c + 1, chunks.size());
        Path file = bundle.chunkPath(chunk);
        verifyChunk(file, chunk);
        readChunk(file, chunk);
        read++;
      }
      byte[] manifestBytes = Files.readAllBytes(staged(bundle.manifestIndex()));
      Manifest m =
          ManifestJson.read(
              new ByteArrayInputStream(manifestBytes),
              bundle.dir().resolve(Layout.manifest(toc.repoName(), toc.snapshotDate())).toString());
      checkAgainst(m);
      publish(m, manifestBytes);
      return new Result(
          toc.repo() + "/" + toc.date(), true, stored, storedBytes, present, read, skipped);
    }

    private void verifyChunk(Path file, Toc.Chunk chunk) throws IOException {
      MessageDigest sha = Digests.sha256();
      long size = 0;
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          sha.update(buffer, 0, n);
          size += n;
        }
      }
      String actual = Digests.hex(sha);
      if (size != chunk.size() || !actual.equals(chunk.sha256())) {
        throw new BadBundleException(
            file
                + " is damaged: "
                + (size != chunk.size() ? size + " bytes, expected " + chunk.size() + "; " : "")
                + "sha256 "
                + actual
                + ", expected "
                + chunk.sha256()
                + "; nothing of "
                + bundle.describe()
                + " was published");
      }
    }

    private void readChunk(Path file, Toc.Chunk chunk) throws IOException {
      try (TarChunks.Reader reader = new TarChunks.Reader(file, file.toString())) {
        for (Toc.Entry e : chunk.entries()) {
          InputStream in = reader.next(e);
          int f = bundle.indexOf(e.path());
          if (!needed[f]) {
            skipFully(in, e.length(), file);
            continue;
          }
          Toc.BundleFile bf = toc.files().get(f);
          Path staged = staged(f);
          if (e.offset() == 0) {
            pending = Digests.sha256();
            pendingFile = f;
          } else if (pendingFile != f) {
            throw new IllegalStateException(e.path() + " continues, but its start was not read");
          }
          MessageDigest sha = pending;
          try (OutputStream out =
              e.offset() == 0
                  ? Files.newOutputStream(staged)
                  : Files.newOutputStream(staged, java.nio.file.StandardOpenOption.APPEND)) {
            copy(in, out, sha, e.length(), file, e.path());
          }
          if (e.offset() + e.length() == bf.size()) {
            finishFile(f, bf, staged, sha, file);
          }
        }
        reader.end();
      }
    }

    private void finishFile(int f, Toc.BundleFile bf, Path staged, MessageDigest sha, Path chunk)
        throws IOException {
      long size = Files.size(staged);
      String actual = Digests.hex(sha);
      if (size != bf.size() || !actual.equals(bf.sha256())) {
        throw new BadBundleException(
            bf.path()
                + " in "
                + chunk
                + " is damaged: "
                + size
                + " bytes, sha256 "
                + actual
                + "; expected "
                + bf.size()
                + " bytes, sha256 "
                + bf.sha256()
                + "; nothing of "
                + bundle.describe()
                + " was published");
      }
      if (bundle.kind(f) == Keys.Kind.POOL) {
        storage.put(bf.path(), staged, true);
        stored++;
        storedBytes += bf.size();
        listener.stored(bf.path(), stored);
      }
    }

    private void copy(
        InputStream in, OutputStream out, MessageDigest sha, long length, Path chunk, String path)
        throws IOException {
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new BadBundleException(chunk + ": entry '" + path + "' ends early");
        }
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
        left -= n;
      }
    }

    private void skipFully(InputStream in, long length, Path chunk) throws IOException {
      long left = length;
      while (left > 0) {
        long n = in.skip(left);
        if (n <= 0) {
          if (in.read() < 0) {
            throw new BadBundleException(chunk + ": ends inside an entry");
          }
          n = 1;
        }
        left -= n;
      }
    }

    private Path staged(int file) {
      return work.resolve("f" + file);
    }

    /** The manifest must describe exactly what the bundle and the storage hold for it. */
    private void checkAgainst(Manifest m) throws IOException {
      RepoName repo = toc.repoName();
      SnapshotDate date = toc.snapshotDate();
      if (!m.repo().equals(toc.repo())
          || !m.date().equals(toc.date())
          || !m.type().equals(toc.type())) {
        throw bad(
            "carries a manifest of "
                + m.type()
                + " "
                + m.repo()
                + "/"
                + m.date()
                + ", but its table of contents says "
                + toc.type()
                + " "
                + toc.repo()
                + "/"
                + toc.date());
      }
      Set<String> listed = new HashSet<>();
      listed.add(Layout.manifest(repo, date));
      for (FileEntry f : m.files()) {
        String key = Layout.snapshotFile(repo, date, f.path());
        listed.add(key);
        Toc.BundleFile b =
            bundle.file(key).orElseThrow(() -> bad("lacks " + key + ", which its manifest lists"));
        requireSame(b, f);
      }
      Set<String> pool = new HashSet<>();
      for (FileEntry f : m.pool()) {
        pool.add(f.path());
        listed.add(f.path());
        var b = bundle.file(f.path());
        if (b.isPresent()) {
          requireSame(b.get(), f);
        } else if (!storage.size(f.path()).map(s -> s == f.size()).orElse(false)) {
          throw bad(
              "lacks pool file "
                  + f.path()
                  + " ("
                  + f.size()
                  + " bytes), which "
                  + storage.describe()
                  + " does not have either");
        }
      }
      for (LinkEntry l : m.links()) {
        if (!pool.contains(l.pool())) {
          throw bad("has a manifest that links " + l.path() + " to an unlisted " + l.pool());
        }
      }
      for (Toc.BundleFile b : toc.files()) {
        if (!listed.contains(b.path())) {
          throw bad("holds " + b.path() + ", which its manifest does not list");
        }
      }
    }

    private void requireSame(Toc.BundleFile b, FileEntry f) throws BadBundleException {
      if (b.size() != f.size() || !b.sha256().equals(f.sha256())) {
        throw bad(
            "lists "
                + b.path()
                + " with "
                + b.size()
                + " bytes, sha256 "
                + b.sha256()
                + ", but its manifest says "
                + f.size()
                + " bytes, sha256 "
                + f.sha256());
      }
    }

    private void publish(Manifest m, byte[] manifestBytes) throws IOException {
      RepoName repo = toc.repoName();
      SnapshotDate date = toc.snapshotDate();
      try (SnapshotTransaction tx = storage.begin(repo, date)) {
        for (FileEntry f : m.files()) {
          tx.write(f.path(), staged(bundle.indexOf(Layout.snapshotFile(repo, date, f.path()))));
        }
        for (LinkEntry l : m.links()) {
          tx.link(l.path(), l.pool());
        }
        tx.commit(manifestBytes);
      }
    }

    private BadBundleException bad(String what) {
      return new BadBundleException(
          "bundle " + bundle.dir() + " of " + bundle.describe() + " " + what);
    }
  }
}
