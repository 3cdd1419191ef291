package dev.tintype.verify;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.manifest.ManifestLinks;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SignatureProblem;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.Storage;
import dev.tintype.sync.EntrySpool;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Rehashes every file of published snapshots against their manifests, with memory that does not
 * grow with the snapshot: manifests are streamed, and what must be sorted or remembered beyond a
 * fixed count goes to the storage's scratch directory. Close it to delete that.
 */
public final class Verifier implements AutoCloseable {
  // Links, and the last snapshot's pool results, held in memory before they spill to a file.
  private static final int RUN_SIZE = 50_000;

  private static final EntrySpool.Codec<LinkEntry> LINKS =
      new EntrySpool.Codec<>() {
        @Override
        public void write(LinkEntry l, DataOutputStream out) throws IOException {
          out.writeUTF(l.path());
          out.writeUTF(l.pool());
        }

        @Override
        public LinkEntry read(DataInputStream in) throws IOException {
          return new LinkEntry(in.readUTF(), in.readUTF());
        }
      };

  private final Storage storage;
  private final Optional<AllowedSigners> trusted;
  private final int runSize;
  // A pool file shared by consecutive snapshots is hashed once: the last snapshot's results.
  private PoolResults poolResults;
  // Pool keys tintype purge deleted on purpose: reported, not damage. Read once, on first use.
  private Set<String> purged;

  public Verifier(Storage storage) {
    this(storage, Optional.empty());
  }

  /**
   * With trusted keys, each snapshot's manifest must carry a signature by one of them; one that is
   * missing, damaged, untrusted or does not match is a problem of the snapshot.
   */
  public Verifier(Storage storage, Optional<AllowedSigners> trusted) {
    this(storage, trusted, RUN_SIZE);
  }

  /** With a spill size tests can make small. */
  Verifier(Storage storage, Optional<AllowedSigners> trusted, int runSize) {
    this.storage = storage;
    this.trusted = trusted;
    this.runSize = runSize;
  }

  /** One file that is not what the manifest says. */
  public record Problem(String key, String detail) {}

  /**
   * The outcome for one snapshot; {@code signedBy} is the fingerprint of the key whose signature
   * checked out, null when none did or none was asked for.
   */
  public record Report(
      String repo,
      String date,
      int files,
      long bytes,
      List<Problem> problems,
      String signedBy,
      List<String> purged) {
    public Report {
      problems = List.copyOf(problems);
      purged = purged == null ? List.of() : List.copyOf(purged);
    }

    public Report(
        String repo, String date, int files, long bytes, List<Problem> problems, String signedBy) {
      this(repo, date, files, bytes, problems, signedBy, List.of());
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Rehashes one snapshot. Its manifest is streamed list by list, never held whole: the files, then
   * the pool (carried into the next call's cache), then the links, sorted by their pool target on
   * scratch and merged with the pool list once more.
   */
  public Report verify(RepoName repo, SnapshotDate date) throws IOException {
    if (poolResults == null) {
      poolResults = new PoolResults(storage.scratch(), runSize);
    }
    String manifest = Layout.manifest(repo, date);
    if (!storage.exists(manifest)) {
      return new Report(
          repo.name(),
          date.toString(),
          0,
          0,
          List.of(new Problem(manifest, "no manifest: not a published snapshot")),
          null);
    }
    if (purged == null) {
      purged = dev.tintype.purge.Purges.read(storage).poolKeys();
    }
    Tally t = new Tally();
    String signedBy = trusted.isPresent() ? checkSignature(repo, date, t.problems) : null;
    try {
      files(repo, date, manifest, t);
      pool(manifest, t);
      if (storage.placesLinks()) {
        links(repo, date, manifest, t);
      }
    } catch (BadManifest e) {
      t.problems.add(new Problem(manifest, e.getCause().getMessage()));
    } catch (UncheckedIOException e) { // a spool run file that cannot be read back
      throw e.getCause();
    }
    return new Report(
        repo.name(),
        date.toString(),
        t.files,
        t.bytes,
        t.problems,
        signedBy,
        List.copyOf(t.purgedHere));
  }

  /** What one snapshot's check found so far. */
  private static final class Tally {
    final List<Problem> problems = new ArrayList<>();
    final Set<String> purgedHere = new LinkedHashSet<>();
    int files;
    long bytes;
  }

  /** A manifest that cannot be read to its end: a problem of the snapshot, not of the run. */
  private static final class BadManifest extends IOException {
    BadManifest(IOException cause) {
      super(cause);
    }
  }

  private void files(RepoName repo, SnapshotDate date, String manifest, Tally t)
      throws IOException {
    try (ManifestFiles files = openFiles(manifest, false)) {
      for (FileEntry f = next(files); f != null; f = next(files)) {
        String key = Layout.snapshotFile(repo, date, f.path());
        addIfBad(t.problems, key, check(key, f));
        t.files++;
        t.bytes += f.size();
      }
    }
  }

  /**
   * Checks the pool list, reusing the previous snapshot's results (a merge: both lists are sorted),
   * and writes this snapshot's results for the next call.
   */
  private void pool(String manifest, Tally t) throws IOException {
    PoolResults.Writer carried = poolResults.writer();
    try (ManifestFiles pool = openFiles(manifest, true);
        PoolResults.Reader previous = poolResults.reader()) {
      for (FileEntry f = next(pool); f != null; f = next(pool)) {
        if (purged.contains(f.path()) && !storage.exists(f.path())) {
          t.purgedHere.add(f.path());
          continue;
        }
        String detail = previous.find(f.path());
        if (detail == null) {
          detail = check(f.path(), f);
        }
        carried.add(f.path(), detail);
        addIfBad(t.problems, f.path(), detail);
        t.files++;
        t.bytes += f.size();
      }
    } catch (IOException | RuntimeException e) {
      carried.abandon();
      throw e;
    }
    carried.commit();
  }

  /** Links sorted by pool target, merged with the pool list, so each finds its entry. */
  private void links(RepoName repo, SnapshotDate date, String manifest, Tally t)
      throws IOException {
    try (EntrySpool<LinkEntry> byTarget =
        new EntrySpool<>(
            storage.scratch(),
            "verify-" + UUID.randomUUID(),
            LINKS,
            l -> l.pool() + "\0" + l.path(),
            EntrySpool.Duplicates.KEEP_FIRST,
            runSize)) {
      try (ManifestLinks links = openLinks(manifest)) {
        for (LinkEntry l = next(links); l != null; l = next(links)) {
          byTarget.add(l);
        }
      }
      try (ManifestFiles pool = openFiles(manifest, true)) {
        FileEntry target = next(pool);
        for (LinkEntry l : byTarget.sorted()) {
          while (target != null && target.path().compareTo(l.pool()) < 0) {
            target = next(pool);
          }
          String key = Layout.snapshotFile(repo, date, l.path());
          if (target == null || !target.path().equals(l.pool())) {
            t.problems.add(
                new Problem(key, "links to " + l.pool() + ", which the manifest does not list"));
          } else if (!t.purgedHere.contains(l.pool())) { // purge deleted the link with the file
            addIfBad(t.problems, key, check(key, target));
            t.files++;
          }
        }
      }
    }
  }

  private ManifestFiles openFiles(String manifest, boolean pool) throws IOException {
    try {
      return pool
          ? ManifestFiles.openPool(storage.open(manifest), manifest)
          : ManifestFiles.open(storage.open(manifest), manifest);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new BadManifest(e);
    }
  }

  private ManifestLinks openLinks(String manifest) throws IOException {
    try {
      return ManifestLinks.open(storage.open(manifest), manifest);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new BadManifest(e);
    }
  }

  private static FileEntry next(ManifestFiles f) throws BadManifest {
    try {
      return f.next();
    } catch (IOException e) {
      throw new BadManifest(e);
    }
  }

  private static LinkEntry next(ManifestLinks l) throws BadManifest {
    try {
      return l.next();
    } catch (IOException e) {
      throw new BadManifest(e);
    }
  }

  private String checkSignature(RepoName repo, SnapshotDate date, List<Problem> problems)
      throws IOException {
    String key = Layout.manifestSignature(repo, date);
    byte[] sig;
    try (InputStream in = storage.open(key)) {
      sig = SshSignature.read(in, key);
    } catch (SignatureProblem e) {
      problems.add(new Problem(key, e.getMessage()));
      return null;
    } catch (NoSuchFileException e) {
      problems.add(
          new Problem(
              key,
              "missing: the snapshot is not signed, and trusted-keys ("
                  + trusted.get().source()
                  + ") requires a signature"));
      return null;
    }
    try (InputStream manifest = storage.open(Layout.manifest(repo, date))) {
      return trusted.get().check(sig, manifest, Layout.manifest(repo, date));
    } catch (SignatureProblem e) {
      problems.add(new Problem(key, e.getMessage()));
      return null;
    }
  }

  private static void addIfBad(List<Problem> problems, String key, String detail) {
    if (!detail.isEmpty()) {
      problems.add(new Problem(key, detail));
    }
  }

  /** Empty when the stored object matches; otherwise what is wrong. */
  private String check(String key, FileEntry expected) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    long size;
    try (InputStream in = new DigestInputStream(storage.open(key), sha)) {
      size = in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      return "missing";
    }
    if (size != expected.size()) {
      return "size " + size + ", expected " + expected.size();
    }
    String actual = Sha256.of(sha.digest()).hex();
    if (!actual.equals(expected.sha256())) {
      return "sha256 " + actual + ", expected " + expected.sha256();
    }
    return "";
  }

  /** Deletes the scratch files. */
  @Override
  public void close() throws IOException {
    if (poolResults != null) {
      poolResults.close();
    }
  }
}
