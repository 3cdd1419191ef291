package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code <repo>/latest/} on S3, which has no symlink: copies of the newest snapshot's own files,
 * and its manifest, which says (in its metadata) which date they are.
 */
final class S3Latest {
  private final S3Objects objects;
  private final S3Workers workers;

  S3Latest(S3Objects objects, S3Workers workers) {
    this.objects = objects;
    this.workers = workers;
  }

  /**
   * Copies the snapshot's own files (its indexes and pages) under {@code <repo>/latest/}, skipping
   * those already there with the same content, then its manifest, then drops what the new snapshot
   * no longer has. Pool objects are never copied: indexes point into the pool with relative URLs
   * that work from {@code latest/} as from the dated prefix.
   */
  void point(RepoName repo, SnapshotDate date) throws IOException {
    byte[] manifestBytes;
    try (InputStream in = objects.get(Layout.manifest(repo, date))) {
      manifestBytes = in.readAllBytes();
    }
    Manifest m =
        ManifestJson.read(
            new ByteArrayInputStream(manifestBytes), objects.where(Layout.manifest(repo, date)));
    String from = Layout.snapshot(repo, date) + "/";
    String to = Layout.latest(repo) + "/";
    Map<String, S3Objects.Stored> have = objects.list(Layout.snapshot(repo, date));
    Map<String, S3Objects.Stored> there = objects.list(Layout.latest(repo));
    Set<String> keep = new HashSet<>();
    List<Callable<Void>> copies = new ArrayList<>();
    for (FileEntry f : m.files()) {
      String target = to + f.path();
      keep.add(target);
      S3Objects.Stored src = have.get(from + f.path());
      S3Objects.Stored dst = there.get(target);
      if (src != null && dst != null && dst.size() == src.size() && sameEtag(src, dst)) {
        continue;
      }
      copies.add(
          () -> {
            objects.copy(from + f.path(), target, f.sha256());
            return null;
          });
    }
    workers.runAll(copies);
    String latestManifest = to + Layout.MANIFEST;
    keep.add(latestManifest);
    objects.put(
        latestManifest,
        S3Uploads.Content.of(manifestBytes),
        false,
        Map.of(S3Objects.DATE, date.toString()));
    List<Callable<Void>> deletes = new ArrayList<>();
    for (String old : there.keySet()) {
      if (!keep.contains(old)) {
        deletes.add(
            () -> {
              objects.delete(old);
              return null;
            });
      }
    }
    workers.runAll(deletes);
  }

  private static boolean sameEtag(S3Objects.Stored a, S3Objects.Stored b) {
    return a.etag() != null && !a.multipart() && a.etag().equals(b.etag());
  }

  /** The date {@code latest/} serves: its manifest's metadata, else the manifest itself. */
  Optional<SnapshotDate> date(RepoName repo) throws IOException {
    String key = Layout.latest(repo) + "/" + Layout.MANIFEST;
    Optional<S3Objects.Stored> s = objects.head(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String date = s.get().date();
    if (date == null) {
      try (InputStream in = objects.get(key)) {
        date = ManifestJson.read(in, objects.where(key)).date();
      }
    }
    return SnapshotDate.looksLikeDate(date)
        ? Optional.of(SnapshotDate.parse(date))
        : Optional.empty();
  }
}
