package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.Purges;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.Storage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
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
   * does not reference go in, plus all of {@code date}'s own files and its manifest. The manifests
   * are streamed, never held.
   */
  public ExportPlan plan(
      RepoName repo, SnapshotDate date, Optional<SnapshotDate> since, long chunkSize)
      throws IOException {
    ManifestHead m = readHead(repo, date);
    if (!m.repo().equals(repo.name()) || !m.date().equals(date.toString())) {
      throw new IOException(
          "%s describes %s/%s, not %s/%s"
              .formatted(key(repo, date), m.repo(), m.date(), repo, date));
    }
    String baseSha = null;
    if (since.isPresent()) {
      if (since.get().compareTo(date) >= 0) {
        throw new IllegalArgumentException(
            "--since %s is not older than the exported snapshot %s".formatted(since.get(), date));
      }
      baseSha = readHead(repo, since.get()).sha256();
    }
    // A purged file is gone from the pool: the bundle leaves it out and carries its purge.
    Purges record = Purges.read(storage);
    Set<String> purged = record.poolKeys();
    List<Toc.BundleFile> tail = new ArrayList<>();
    String sigKey = Layout.manifestSignature(repo, date);
    if (storage.exists(sigKey)) {
      byte[] sig;
      try (InputStream in = storage.open(sigKey)) {
        sig = in.readAllBytes();
      }
      tail.add(new Toc.BundleFile(sigKey, sig.length, Sha256.hash(sig).hex()));
    }
    tail.add(new Toc.BundleFile(key(repo, date), m.size(), m.sha256()));
    return new ExportPlan(
        repo,
        date,
        m.type(),
        since,
        baseSha,
        chunkSize,
        purged,
        tail,
        record,
        new PlannedFiles(storage, repo, date, since, purged, tail));
  }

  /**
   * Writes the planned bundle into {@code out}, which must be new, empty or hold an unfinished
   * export (which is cleared first): a marker, the chunks, the table of contents, and then the
   * marker is deleted. Every file is checked against its sha256 as it is copied. On failure the
   * files written so far are removed; a killed export leaves the marker for the rerun to find. The
   * files stream from the manifests through the chunks; their entries wait in two scratch files for
   * the table of contents, so memory does not grow with the snapshot.
   */
  public Exported write(ExportPlan plan, Path out, BundleListener listener) throws IOException {
    int cleared = ExportDir.prepare(out);
    if (cleared > 0) {
      listener.unfinishedExportCleared(out, cleared);
    }
    ExportDir.markUnfinished(out, plan.repo() + "/" + plan.date());
    List<Path> written = new ArrayList<>();
    CheckedSource source = new CheckedSource();
    try (ExportSpool spool = new ExportSpool(storage.scratch())) {
      ChunkFiles chunks = new ChunkFiles(plan, storage, out, written, source, spool, listener);
      ChunkLayout layout = new ChunkLayout(plan.chunkSize(), chunks);
      try (PlannedFiles files =
          new PlannedFiles(
              storage, plan.repo(), plan.date(), plan.base(), plan.purged(), plan.tail())) {
        for (Toc.BundleFile f; (f = files.next()) != null; ) {
          spool.file(f);
          layout.add(f);
        }
        layout.finish();
      }
      Toc head =
          new Toc(
              Toc.FORMAT,
              Toc.VERSION,
              plan.repo().name(),
              plan.type(),
              plan.date().toString(),
              plan.base().map(SnapshotDate::toString).orElse(null),
              plan.baseManifestSha256(),
              plan.chunkSize(),
              List.of(),
              List.of(),
              plan.purges());
      Path tmp = out.resolve(ExportDir.TOC_TMP);
      written.add(tmp);
      MessageDigest sha = Sha256.newDigest();
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream o =
            new DigestOutputStream(
                new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), sha);
        spool.startReading();
        TocWriter.write(o, head, chunks.heads(), spool::nextEntry, spool::nextFile);
        o.flush();
        ch.force(true);
      }
      if (signingKey.isPresent()) {
        // Before the table of contents: a finished bundle is never without its signature.
        Path sigTmp = out.resolve(ExportDir.SIGNATURE_TMP);
        written.add(sigTmp);
        Path sigFile = out.resolve(Bundle.SIGNATURE_FILE);
        written.add(sigFile);
        try (InputStream tocIn = Files.newInputStream(tmp)) {
          writeForced(sigTmp, SshSignature.sign(signingKey.get(), tocIn));
        }
        moveInPlace(sigTmp, sigFile);
      }
      moveInPlace(tmp, out.resolve(Bundle.TOC_FILE));
      ExportDir.markFinished(out);
      return new Exported(out, chunks.written(), Sha256.of(sha.digest()).hex());
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

  /** A written bundle: its directory, its chunks, and the sha256 of its table of contents. */
  public record Exported(Path dir, List<Chunk> chunks, String tocSha256) {
    public Exported {
      chunks = List.copyOf(chunks);
    }

    /** One chunk file as its table of contents lists it. */
    public record Chunk(String name, long size, String sha256) {}
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

  private ManifestHead readHead(RepoName repo, SnapshotDate date) throws IOException {
    String key = key(repo, date);
    try {
      return ManifestHead.read(storage, key);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          key, null, repo + "/" + date + " is not a published snapshot in " + storage.describe());
    }
  }

  private static String key(RepoName repo, SnapshotDate date) {
    return Layout.manifest(repo, date);
  }
}
