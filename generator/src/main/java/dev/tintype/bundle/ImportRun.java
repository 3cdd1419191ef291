package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.purge.Purges;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One import under the repository's lock, from the chunks to the commit. */
final class ImportRun {
  private final Storage storage;
  private final Bundle bundle;
  private final Toc toc;
  private final BundleListener listener;
  private final ChunkStager stager;
  private final boolean[] needed;
  // Pool keys tintype purge deleted: an import never stores them again.
  private java.util.Set<String> purged = java.util.Set.of();
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
    this.toc = bundle.toc();
    this.listener = listener;
    this.stager = new ChunkStager(bundle, work);
    this.needed = new boolean[toc.files().size()];
  }

  Importer.Result run() throws IOException {
    purged = new java.util.HashSet<>(Purges.read(storage).poolKeys());
    purged.addAll(toc.purgedKeys());
    List<Toc.BundleFile> files = toc.files();
    for (int i = 0; i < files.size(); i++) {
      Toc.BundleFile f = files.get(i);
      if (bundle.kind(i) == Keys.Kind.POOL && purged.contains(f.path())) {
        // Never brought back: the snapshot then lacks it like every other that listed it.
        listener.purged(f.path());
        continue;
      }
      needed[i] =
          bundle.kind(i) != Keys.Kind.POOL
              || !storage.size(f.path()).map(s -> s == f.size()).orElse(false);
      if (!needed[i]) {
        present++;
      }
    }
    byte[] manifestBytes = readManifest();
    Manifest m =
        ManifestJson.read(
            new ByteArrayInputStream(manifestBytes),
            bundle.dir().resolve(Layout.manifest(toc.repoName(), toc.snapshotDate())).toString());
    new ManifestCheck(bundle, storage, purged).check(m);
    // Recorded before anything is stored, as purge records first: verify, sync and later imports
    // know the files from then on.
    for (Purges.Purge p : Purges.merge(storage, toc.purges())) {
      p.files().forEach(f -> listener.purged(f.pool()));
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
      stager.verify(chunk);
      stager.read(chunk, f -> needed[f], this::store);
      read++;
    }
    publish(m, manifestBytes);
    return new Importer.Result(
        signer, toc.repo() + "/" + toc.date(), true, stored, storedBytes, present, read, skipped);
  }

  /**
   * Stages the manifest alone, from the chunk or chunks at the end that hold it, so that it can be
   * checked before anything is stored. Those chunks are verified again when their other files are
   * read.
   */
  private byte[] readManifest() throws IOException {
    int manifest = bundle.manifestIndex();
    String key = toc.files().get(manifest).path();
    for (Toc.Chunk chunk : toc.chunks()) {
      if (chunk.entries().stream().anyMatch(e -> e.path().equals(key))) {
        stager.verify(chunk);
        stager.read(chunk, f -> f == manifest, (f, bf, staged) -> {});
      }
    }
    return Files.readAllBytes(stager.staged(manifest));
  }

  private void store(int file, Toc.BundleFile f, Path staged) throws IOException {
    if (bundle.kind(file) == Keys.Kind.POOL) {
      storage.put(f.path(), staged, true);
      stored++;
      storedBytes += f.size();
      listener.stored(f.path(), stored);
    }
  }

  private void publish(Manifest m, byte[] manifestBytes) throws IOException {
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    try (SnapshotTransaction tx = storage.begin(repo, date)) {
      for (FileEntry f : m.files()) {
        tx.write(
            f.path(), stager.staged(bundle.indexOf(Layout.snapshotFile(repo, date, f.path()))));
      }
      for (LinkEntry l : m.links()) {
        if (purged.contains(l.pool())) {
          continue;
        }
        tx.link(l.path(), l.pool());
      }
      // Before the commit, as sync writes it: the snapshot appears with its signature or not at
      // all.
      String sig = Layout.manifestSignature(repo, date);
      if (bundle.file(sig).isPresent()) {
        tx.write(Layout.MANIFEST_SIGNATURE, stager.staged(bundle.indexOf(sig)));
      } else if (signingKey.isPresent()) {
        tx.write(
            Layout.MANIFEST_SIGNATURE,
            SshSignature.sign(signingKey.get(), new ByteArrayInputStream(manifestBytes)));
      }
      tx.commit(manifestBytes);
    }
  }
}
