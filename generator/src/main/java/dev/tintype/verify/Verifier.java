package dev.tintype.verify;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SignatureProblem;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rehashes every file of published snapshots against their manifests. */
public final class Verifier {
  private final Storage storage;
  private final Optional<AllowedSigners> trusted;
  // A pool file shared by many snapshots is hashed once per run.
  private final Map<String, String> poolResults = new HashMap<>();
  // Pool keys tintype purge deleted on purpose: reported, not damage. Read once, on first use.
  private java.util.Set<String> purged;

  public Verifier(Storage storage) {
    this(storage, Optional.empty());
  }

  /**
   * With trusted keys, each snapshot's manifest must carry a signature by one of them; one that is
   * missing, damaged, untrusted or does not match is a problem of the snapshot.
   */
  public Verifier(Storage storage, Optional<AllowedSigners> trusted) {
    this.storage = storage;
    this.trusted = trusted;
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

  public Report verify(RepoName repo, SnapshotDate date) throws IOException {
    Manifest m;
    try {
      m = Snapshots.manifest(storage, repo, date);
    } catch (NoSuchFileException e) {
      return new Report(
          repo.name(),
          date.toString(),
          0,
          0,
          List.of(
              new Problem(Layout.manifest(repo, date), "no manifest: not a published snapshot")),
          null);
    } catch (IOException e) {
      return new Report(
          repo.name(),
          date.toString(),
          0,
          0,
          List.of(new Problem(Layout.manifest(repo, date), e.getMessage())),
          null);
    }
    if (purged == null) {
      purged = dev.tintype.purge.Purges.read(storage).poolKeys();
    }
    List<Problem> problems = new ArrayList<>();
    java.util.Set<String> purgedHere = new java.util.LinkedHashSet<>();
    String signedBy = trusted.isPresent() ? checkSignature(repo, date, problems) : null;
    int files = 0;
    long bytes = 0;
    for (FileEntry f : m.files()) {
      String key = Layout.snapshotFile(repo, date, f.path());
      addIfBad(problems, key, check(key, f));
      files++;
      bytes += f.size();
    }
    Map<String, FileEntry> pool = new HashMap<>();
    for (FileEntry f : m.pool()) {
      pool.put(f.path(), f);
      if (purged.contains(f.path()) && !storage.exists(f.path())) {
        purgedHere.add(f.path());
        continue;
      }
      String detail = poolResults.get(f.path());
      if (detail == null) {
        detail = check(f.path(), f);
        poolResults.put(f.path(), detail);
      }
      addIfBad(problems, f.path(), detail);
      files++;
      bytes += f.size();
    }
    for (LinkEntry l : storage.placesLinks() ? m.links() : List.<LinkEntry>of()) {
      String key = Layout.snapshotFile(repo, date, l.path());
      FileEntry target = pool.get(l.pool());
      if (target == null) {
        problems.add(
            new Problem(key, "links to " + l.pool() + ", which the manifest does not list"));
        continue;
      }
      if (purgedHere.contains(l.pool())) {
        continue; // purge deleted the link with the pool file
      }
      addIfBad(problems, key, check(key, target));
      files++;
    }
    return new Report(
        repo.name(), date.toString(), files, bytes, problems, signedBy, List.copyOf(purgedHere));
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
}
