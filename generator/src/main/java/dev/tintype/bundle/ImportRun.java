package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.manifest.ManifestLinks;
import dev.tintype.purge.Purges;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One import under the repository's lock, from the chunks to the commit. The table of contents and
 * the manifest are streamed, never held: what is kept per file is one bit (whether it is needed).
 */
final class ImportRun {
  private final Storage storage;
  private final Bundle bundle;
  private final Toc toc;
  private final Path work;
  private final Path tocFile;
  private final BundleListener listener;
  private final ChunkStager stager;
  private final BitSet needed = new BitSet();
  private final boolean[] chunkNeeded;
  private final boolean[] holdsManifest;
  // Pool keys tintype purge deleted: an import never stores them again.
  private Set<String> purged = Set.of();
  private int manifestFile = -1;
  private int signatureFile = -1;
  private int stored;
  private long storedBytes;
  private int present;
  private final String signer;
  private final Optional<SigningKey> signingKey;

  ImportRun(
      Storage storage,
      Bundle bundle,
      Path work,
      BundleListener listener,
      String signer,
      Optional<SigningKey> signingKey) {
    this.signer = signer;
    this.signingKey = signingKey;
    this.storage = storage;
    this.bundle = bundle;
    this.toc = bundle.head();
    this.work = work;
    this.tocFile = work.resolve("toc.json");
    this.listener = listener;
    this.stager = new ChunkStager(bundle, work);
    this.chunkNeeded = new boolean[bundle.chunks().size()];
    this.holdsManifest = new boolean[bundle.chunks().size()];
  }

  Importer.Result run() throws IOException {
    copyToc();
    purged = new HashSet<>(Purges.read(storage).poolKeys());
    purged.addAll(toc.purgedKeys());
    planNeeds();
    Path manifest = stageManifest();
    new ManifestCheck(bundle, tocFile, storage, purged, work).check(manifest);
    // Recorded before anything is stored, as purge records first: verify, sync and later imports
    // know the files from then on.
    for (Purges.Purge p : Purges.merge(storage, toc.purges())) {
      p.files().forEach(f -> listener.purged(f.pool()));
    }
    int read = 0;
    int skipped = 0;
    int total = chunkNeeded.length;
    try (BundleWalk walk = bundle.walk(tocFile)) {
      int c = 0;
      for (TocReader.ChunkHead chunk; (chunk = walk.nextChunk()) != null; c++) {
        if (!chunkNeeded[c]) {
          drain(walk);
          listener.chunkSkipped(chunk.name(), c + 1, total);
          skipped++;
          continue;
        }
        listener.chunk(chunk.name(), c + 1, total);
        stager.verify(chunk);
        stager.read(chunk, walk, p -> needed.get(p.file()), this::store);
        read++;
      }
    }
    publish(manifest);
    return new Importer.Result(
        signer, toc.repo() + "/" + toc.date(), true, stored, storedBytes, present, read, skipped);
  }

  /** The walks read a copy, checked to be the table of contents opened (and signature-checked). */
  private void copyToc() throws IOException {
    Files.copy(bundle.dir().resolve(Bundle.TOC_FILE), tocFile);
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(tocFile), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String sha = Sha256.of(digest.digest()).hex();
    if (!sha.equals(bundle.tocSha256())) {
      throw new BadBundleException(
          bundle.dir().resolve(Bundle.TOC_FILE)
              + " changed while it was imported; nothing of "
              + bundle.describe()
              + " was imported");
    }
  }

  /**
   * Which files are needed (pool files not yet stored, the snapshot's own), and so which chunks.
   */
  private void planNeeds() throws IOException {
    try (BundleWalk walk = bundle.walk(tocFile)) {
      int c = 0;
      for (TocReader.ChunkHead chunk; (chunk = walk.nextChunk()) != null; c++) {
        for (BundleWalk.Piece p; (p = walk.nextPiece()) != null; ) {
          if (p.entry().offset() == 0) {
            decide(p);
          }
          chunkNeeded[c] |= needed.get(p.file());
          holdsManifest[c] |= p.kind() == Keys.Kind.MANIFEST;
        }
      }
    }
  }

  private void decide(BundleWalk.Piece p) throws IOException {
    Toc.BundleFile f = p.bf();
    switch (p.kind()) {
      case MANIFEST -> manifestFile = p.file();
      case MANIFEST_SIGNATURE -> signatureFile = p.file();
      default -> {}
    }
    if (p.kind() == Keys.Kind.POOL && purged.contains(f.path())) {
      // Never brought back: the snapshot then lacks it like every other that listed it.
      listener.purged(f.path());
      return;
    }
    boolean need =
        p.kind() != Keys.Kind.POOL || !storage.size(f.path()).map(s -> s == f.size()).orElse(false);
    needed.set(p.file(), need);
    if (!need) {
      present++;
    }
  }

  /**
   * Stages the manifest alone, from the chunk or chunks at the end that hold it, so that it can be
   * checked before anything is stored. Those chunks are verified again when their other files are
   * read.
   */
  private Path stageManifest() throws IOException {
    try (BundleWalk walk = bundle.walk(tocFile)) {
      int c = 0;
      for (TocReader.ChunkHead chunk; (chunk = walk.nextChunk()) != null; c++) {
        if (holdsManifest[c]) {
          stager.verify(chunk);
          stager.read(chunk, walk, p -> p.kind() == Keys.Kind.MANIFEST, (p, staged) -> {});
        } else {
          drain(walk);
        }
      }
    }
    return stager.staged(manifestFile);
  }

  private static void drain(BundleWalk walk) throws IOException {
    while (walk.nextPiece() != null) {
      // only the walk's checks
    }
  }

  private void store(BundleWalk.Piece p, Path staged) throws IOException {
    if (p.kind() == Keys.Kind.POOL) {
      storage.put(p.bf().path(), staged, true);
      stored++;
      storedBytes += p.bf().size();
      listener.stored(p.bf().path(), stored);
    }
  }

  private void publish(Path manifest) throws IOException {
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    String source = manifest.toString();
    try (SnapshotTransaction tx = storage.begin(repo, date)) {
      // The check found the snapshot's files and the bundle's in the same path order.
      try (ManifestFiles files = ManifestFiles.open(Files.newInputStream(manifest), source);
          KindFiles held = new KindFiles(tocFile, toc, Keys.Kind.SNAPSHOT_FILE)) {
        for (FileEntry f; (f = files.next()) != null; ) {
          Toc.BundleFile b = held.next();
          if (b == null || !b.path().equals(Layout.snapshotFile(repo, date, f.path()))) {
            throw new IllegalStateException(f.path() + " was checked but is not in the bundle");
          }
          tx.write(f.path(), stager.staged(held.index()));
        }
      }
      try (ManifestLinks links = ManifestLinks.open(Files.newInputStream(manifest), source)) {
        for (LinkEntry l; (l = links.next()) != null; ) {
          if (!purged.contains(l.pool())) {
            tx.link(l.path(), l.pool());
          }
        }
      }
      // Before the commit, as sync writes it: the snapshot appears with its signature or not at
      // all.
      if (signatureFile >= 0) {
        tx.write(Layout.MANIFEST_SIGNATURE, stager.staged(signatureFile));
      } else if (signingKey.isPresent()) {
        try (InputStream in = Files.newInputStream(manifest)) {
          tx.write(Layout.MANIFEST_SIGNATURE, SshSignature.sign(signingKey.get(), in));
        }
      }
      tx.commit(manifest);
    }
  }
}
