package dev.tintype.bundle;

import dev.tintype.config.Config;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.pages.RootPage;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SignatureProblem;
import dev.tintype.sign.SigningKey;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.FileTrees;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Publishes the snapshot a bundle carries. Each chunk is checked against its sha256 before it is
 * read. The manifest is read first and checked against the table of contents and the storage, so a
 * bundle that does not match its manifest stores nothing. Entries then stream into the pool through
 * one scratch file each and are checked against their sha256; the snapshot is published as sync
 * does, whole or not at all. Pool files already in storage are skipped, so a rerun resumes an
 * interrupted import.
 */
public final class Importer {
  private final Storage storage;
  private final Optional<AllowedSigners> trusted;
  private final Optional<SigningKey> signingKey;
  private Optional<Config> pages = Optional.empty();

  public Importer(Storage storage) {
    this(storage, Optional.empty(), Optional.empty());
  }

  /**
   * With trusted keys, a bundle must carry {@link Bundle#SIGNATURE_FILE} made by one of them, or
   * nothing of it is stored. The snapshot keeps the manifest signature the bundle carries; when it
   * carries none, {@code signingKey} (this side's {@code signing.key}) signs it, as sync would.
   */
  public Importer(
      Storage storage, Optional<AllowedSigners> trusted, Optional<SigningKey> signingKey) {
    this.storage = storage;
    this.trusted = trusted;
    this.signingKey = signingKey;
  }

  /** After publishing, rewrites the root {@code index.html} for {@code config}. */
  public Importer rewritingRootPage(Config config) {
    this.pages = Optional.of(config);
    return this;
  }

  /**
   * How an import ended; {@code signedBy} is the fingerprint of the key whose signature was
   * checked, null without trusted keys.
   */
  public record Result(
      String signedBy,
      String snapshot,
      boolean published,
      int stored,
      long storedBytes,
      int alreadyPresent,
      int chunksRead,
      int chunksSkipped) {}

  public Result importBundle(Bundle bundle, BundleListener listener) throws IOException {
    Toc toc = bundle.head();
    RepoName repo = toc.repoName();
    SnapshotDate date = toc.snapshotDate();
    String snapshot = repo + "/" + date;
    String signer = trusted.isPresent() ? checkSignature(bundle, trusted.get()) : null;
    for (TocReader.ChunkHead c : bundle.chunks()) {
      if (!Files.isRegularFile(bundle.chunkPath(c))) {
        throw new BadBundleException(
            "bundle %s: %s is missing (expected %d bytes, sha256 %s); nothing of %s was published"
                .formatted(bundle.dir(), c.name(), c.size(), c.sha256(), snapshot));
      }
    }
    String holder = "import"; // the lock adds host, pid and start time
    try (StorageLock lock = storage.lock(repo, holder, false)) {
      Toc.BundleFile manifestFile = bundle.manifest();
      String published = storedSha256(Layout.manifest(repo, date));
      if (published != null) {
        if (!published.equals(manifestFile.sha256())) {
          throw new BadBundleException(
              ("%s is already published in %s with another manifest (sha256 %s; the bundle's is"
                      + " %s); a published snapshot is never rewritten")
                  .formatted(snapshot, storage.describe(), published, manifestFile.sha256()));
        }
        Snapshots.repairLatest(storage, repo);
        return new Result(signer, snapshot, false, 0, 0, 0, 0, bundle.chunks().size());
      }
      if (toc.baseDate().isPresent()) {
        requireBase(bundle, repo, toc.baseDate().get());
      }
      // One per repository, as we hold its lock; no repository name starts with '_'.
      Path work = storage.scratch().resolve("_import-" + repo);
      FileTrees.deleteTree(work); // left by an interrupted import: pool files it stored are kept
      Files.createDirectories(work);
      try {
        Result r = new ImportRun(storage, bundle, work, listener, signer, signingKey).run();
        Snapshots.repairLatest(storage, repo);
        if (pages.isPresent()) {
          RootPage.publish(storage, pages.get());
        }
        return r;
      } finally {
        FileTrees.deleteTree(work);
      }
    }
  }

  /**
   * Checks the table of contents against its signature and the trusted keys. The table lists the
   * sha256 of every chunk and file, and each is checked against it as it is read, so this one check
   * covers the bundle. Returns the signer's fingerprint.
   */
  private static String checkSignature(Bundle bundle, AllowedSigners keys) throws IOException {
    Path sigFile = bundle.dir().resolve(Bundle.SIGNATURE_FILE);
    String refused = "; nothing of " + bundle.describe() + " was imported";
    if (!Files.isRegularFile(sigFile)) {
      throw new BadBundleException(
          ("bundle %s of %s is not signed (no %s), and the config's trusted-keys (%s) requires"
                  + " a signature%s")
              .formatted(
                  bundle.dir(), bundle.describe(), Bundle.SIGNATURE_FILE, keys.source(), refused));
    }
    Path tocFile = bundle.dir().resolve(Bundle.TOC_FILE);
    MessageDigest sha = Sha256.newDigest();
    String signer;
    try (InputStream s = Files.newInputStream(sigFile);
        InputStream in = new DigestInputStream(Files.newInputStream(tocFile), sha)) {
      signer = keys.check(SshSignature.read(s, sigFile.toString()), in, "bundle " + tocFile);
    } catch (SignatureProblem e) {
      throw new BadBundleException(e.getMessage() + refused, e);
    }
    // The table checked must be the one opened, which the rest of the import trusts.
    if (!Sha256.of(sha.digest()).hex().equals(bundle.tocSha256())) {
      throw new BadBundleException(tocFile + " changed while it was imported" + refused);
    }
    return signer;
  }

  private void requireBase(Bundle bundle, RepoName repo, SnapshotDate base) throws IOException {
    String have = storedSha256(Layout.manifest(repo, base));
    if (have == null) {
      throw new BadBundleException(
          ("bundle %s of %s is incremental on %s/%s, which %s does not have; import the bundle"
                  + " of %s/%s first")
              .formatted(
                  bundle.dir(), bundle.describe(), repo, base, storage.describe(), repo, base));
    }
    String expected = bundle.head().baseManifestSha256();
    if (!have.equals(expected)) {
      throw new BadBundleException(
          ("%s/%s in %s is not the snapshot bundle %s builds on: its manifest has sha256 %s, the"
                  + " bundle expects %s")
              .formatted(repo, base, storage.describe(), bundle.dir(), have, expected));
    }
  }

  private String storedSha256(String key) throws IOException {
    if (!storage.exists(key)) {
      return null;
    }
    MessageDigest sha = Sha256.newDigest();
    try (InputStream in = storage.open(key)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return Sha256.of(sha.digest()).hex();
  }
}
