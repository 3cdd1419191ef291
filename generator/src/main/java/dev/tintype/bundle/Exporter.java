package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.purge.Purges;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Writes a published snapshot, or what it adds to an earlier one, as a bundle. */
public final class Exporter {
  private final Storage storage;
  private final Optional<SigningKey> signingKey;

  public Exporter(Storage storage) {
    this(storage, Optional.empty());
  }

  /**
   * With a key, every bundle gets {@link Bundle#SIGNATURE_FILE}, its table of contents' signature.
   */
  public Exporter(Storage storage, Optional<SigningKey> signingKey) {
    this.storage = storage;
    this.signingKey = signingKey;
  }

  /**
   * Plans the bundle of {@code repo/date}; with {@code since}, only the pool files that snapshot
   * does not reference go in, plus all of {@code date}'s own files and its manifest.
   */
  public ExportPlan plan(
      RepoName repo, SnapshotDate date, Optional<SnapshotDate> since, long chunkSize)
      throws IOException {
    byte[] manifestBytes = readManifest(repo, date);
    Manifest m = ManifestJson.read(new ByteArrayInputStream(manifestBytes), key(repo, date));
    if (!m.repoName().equals(repo) || !m.snapshotDate().equals(date)) {
      throw new IOException(
          "%s describes %s/%s, not %s/%s"
              .formatted(key(repo, date), m.repo(), m.date(), repo, date));
    }
    Set<String> inBase = new HashSet<>();
    String baseSha = null;
    if (since.isPresent()) {
      if (since.get().compareTo(date) >= 0) {
        throw new IllegalArgumentException(
            "--since %s is not older than the exported snapshot %s".formatted(since.get(), date));
      }
      byte[] baseBytes = readManifest(repo, since.get());
      baseSha = Sha256.hash(baseBytes).hex();
      Manifest base =
          ManifestJson.read(new ByteArrayInputStream(baseBytes), key(repo, since.get()));
      for (FileEntry f : base.pool()) {
        inBase.add(f.path());
      }
    }
    // A purged file is gone from the pool: the bundle leaves it out and carries its purge.
    Purges record = Purges.read(storage);
    Set<String> purged = record.poolKeys();
    Set<String> listed = new HashSet<>();
    List<Toc.BundleFile> files = new ArrayList<>();
    for (FileEntry f : m.pool()) {
      listed.add(f.path());
      if (!inBase.contains(f.path()) && !purged.contains(f.path())) {
        files.add(new Toc.BundleFile(f.path(), f.size(), f.sha256()));
      }
    }
    for (FileEntry f : m.files()) {
      files.add(
          new Toc.BundleFile(Layout.snapshotFile(repo, date, f.path()), f.size(), f.sha256()));
    }
    String sigKey = Layout.manifestSignature(repo, date);
    if (storage.exists(sigKey)) {
      byte[] sig;
      try (InputStream in = storage.open(sigKey)) {
        sig = in.readAllBytes();
      }
      files.add(new Toc.BundleFile(sigKey, sig.length, Sha256.hash(sig).hex()));
    }
    files.add(
        new Toc.BundleFile(
            Layout.manifest(repo, date), manifestBytes.length, Sha256.hash(manifestBytes).hex()));
    for (Toc.BundleFile f : files) {
      Keys.kind(f.path(), repo, date);
    }
    return new ExportPlan(
        repo,
        date,
        m.type(),
        since,
        baseSha,
        chunkSize,
        files,
        manifestBytes,
        record.restrictedTo(listed));
  }

  /**
   * Writes the planned bundle into {@code out}, which must be new, empty or hold an unfinished
   * export (which is cleared first): a marker, the chunks, the table of contents, and then the
   * marker is deleted. Every file is checked against its sha256 as it is copied. On failure the
   * files written so far are removed; a killed export leaves the marker for the rerun to find.
   */
  public Bundle write(ExportPlan plan, Path out, BundleListener listener) throws IOException {
    int cleared = ExportDir.prepare(out);
    if (cleared > 0) {
      listener.unfinishedExportCleared(out, cleared);
    }
    ExportDir.markUnfinished(out, plan.repo() + "/" + plan.date());
    List<Path> written = new ArrayList<>();
    Source source = new Source();
    Map<String, Toc.BundleFile> byPath = new HashMap<>();
    for (Toc.BundleFile f : plan.files()) {
      byPath.put(f.path(), f);
    }
    try {
      List<Toc.Chunk> chunks = new ArrayList<>();
      List<List<Toc.Entry>> planned = plan.chunks();
      for (int i = 0; i < planned.size(); i++) {
        String name = Bundle.chunkName(i + 1);
        listener.chunk(name, i + 1, planned.size());
        Path file = out.resolve(name);
        written.add(file);
        chunks.add(writeChunk(plan, byPath, source, file, name, planned.get(i)));
      }
      Toc toc =
          new Toc(
              Toc.FORMAT,
              Toc.VERSION,
              plan.repo().name(),
              plan.type(),
              plan.date().toString(),
              plan.base().map(SnapshotDate::toString).orElse(null),
              plan.baseManifestSha256(),
              plan.chunkSize(),
              chunks,
              plan.files(),
              plan.purges());
      byte[] tocBytes = TocJson.write(toc);
      Path tmp = out.resolve(ExportDir.TOC_TMP);
      written.add(tmp);
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        Channels.newOutputStream(ch).write(tocBytes);
        ch.force(true);
      }
      if (signingKey.isPresent()) {
        // Before the table of contents: a finished bundle is never without its signature.
        Path sigTmp = out.resolve(ExportDir.SIGNATURE_TMP);
        written.add(sigTmp);
        Path sigFile = out.resolve(Bundle.SIGNATURE_FILE);
        written.add(sigFile);
        writeForced(
            sigTmp, SshSignature.sign(signingKey.get(), new ByteArrayInputStream(tocBytes)));
        moveInPlace(sigTmp, sigFile);
      }
      Path tocFile = out.resolve(Bundle.TOC_FILE);
      try {
        Files.move(tmp, tocFile, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, tocFile);
      }
      ExportDir.markFinished(out);
      return Bundle.of(out, toc, Sha256.hash(tocBytes).hex());
    } catch (IOException | RuntimeException e) {
      source.closeQuietly(e);
      boolean removed = true;
      for (Path p : written) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
          removed = false;
        }
      }
      if (removed) {
        try {
          ExportDir.markFinished(out);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static void writeForced(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      Channels.newOutputStream(ch).write(bytes);
      ch.force(true);
    }
  }

  private static void moveInPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private Toc.Chunk writeChunk(
      ExportPlan plan,
      Map<String, Toc.BundleFile> byPath,
      Source source,
      Path file,
      String name,
      List<Toc.Entry> entries)
      throws IOException {
    try (TarChunks.Writer w = new TarChunks.Writer(file)) {
      for (Toc.Entry e : entries) {
        Toc.BundleFile f = byPath.get(e.path());
        if (e.offset() == 0) {
          source.open(
              f,
              f.path().equals(Layout.manifest(plan.repo(), plan.date()))
                  ? new ByteArrayInputStream(plan.manifest())
                  : storage.open(f.path()));
        }
        w.begin(e.path(), e.length());
        source.copy(w.data(), e.length());
        w.end();
        if (e.offset() + e.length() == f.size()) {
          source.finish();
        }
      }
      w.finish();
      if (w.size() >= plan.chunkSize()) {
        throw new IllegalStateException(
            "%s came out %d bytes, not below %d".formatted(name, w.size(), plan.chunkSize()));
      }
      return new Toc.Chunk(name, w.size(), w.sha256(), entries);
    }
  }

  private byte[] readManifest(RepoName repo, SnapshotDate date) throws IOException {
    String key = key(repo, date);
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          key, null, repo + "/" + date + " is not a published snapshot in " + storage.describe());
    }
  }

  private static String key(RepoName repo, SnapshotDate date) {
    return Layout.manifest(repo, date);
  }

  /** The file being copied, possibly across chunks, and checked against its sha256 at its end. */
  private static final class Source {
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
}
