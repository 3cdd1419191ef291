package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  // Copies submitted to the workers at a time: a first publish of a large mirror copies every page.
  private static final int BATCH = 1_000;

  /**
   * Copies the snapshot's own files (its indexes and pages) under {@code <repo>/latest/}, skipping
   * those already there with the same content, then its manifest, then drops what the new snapshot
   * no longer has. Pool objects are never copied: indexes point into the pool with relative URLs
   * that work from {@code latest/} as from the dated prefix.
   *
   * <p>The manifest's files and both listings are sorted by path, so they are walked side by side
   * as they are read, and the manifest is copied within the bucket: nothing that grows with the
   * snapshot is held, except the keys to delete, which grow with the day's change.
   */
  void point(RepoName repo, SnapshotDate date) throws IOException {
    String manifest = Layout.manifest(repo, date);
    String from = Layout.snapshot(repo, date) + "/";
    String to = Layout.latest(repo) + "/";
    String latestManifest = to + Layout.MANIFEST;
    List<String> deletes = new ArrayList<>();
    try (ManifestFiles files = ManifestFiles.open(objects.get(manifest), objects.where(manifest))) {
      Sorted have = new Sorted(objects.listing(Layout.snapshot(repo, date)));
      Sorted there = new Sorted(objects.listing(Layout.latest(repo)));
      List<Callable<Void>> copies = new ArrayList<>();
      for (FileEntry f = files.next(); f != null; f = files.next()) {
        String source = from + f.path();
        String target = to + f.path();
        String sha256 = f.sha256();
        S3Objects.Stored src = have.find(source, null);
        S3Objects.Stored dst = there.find(target, deletes);
        if (src != null && dst != null && dst.size() == src.size() && sameEtag(src, dst)) {
          continue;
        }
        copies.add(
            () -> {
              objects.copy(source, target, sha256);
              return null;
            });
        if (copies.size() >= BATCH) {
          workers.runAll(copies);
          copies.clear();
        }
      }
      workers.runAll(copies);
      there.find(null, deletes);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    deletes.remove(latestManifest);
    String sha = objects.head(manifest).map(S3Objects.Stored::sha256).orElse(null);
    Map<String, String> meta = new HashMap<>();
    meta.put(S3Objects.DATE, date.toString());
    if (sha != null) {
      meta.put(S3Objects.SHA256, sha);
    }
    objects.copy(manifest, latestManifest, meta);
    for (int i = 0; i < deletes.size(); i += BATCH) {
      List<Callable<Void>> batch = new ArrayList<>();
      for (String old : deletes.subList(i, Math.min(deletes.size(), i + BATCH))) {
        batch.add(
            () -> {
              objects.delete(old);
              return null;
            });
      }
      workers.runAll(batch);
    }
  }

  /**
   * A listing read in step with the manifest. S3 lists by UTF-8 bytes and the manifest is sorted by
   * Java's string order; they agree unless a path mixes characters above U+FFFF with ones from
   * U+E000, and a listing out of the manifest's order is refused rather than merged wrongly.
   */
  private static final class Sorted {
    private final Iterator<Map.Entry<String, S3Objects.Stored>> it;
    private Map.Entry<String, S3Objects.Stored> head;

    Sorted(Iterator<Map.Entry<String, S3Objects.Stored>> it) {
      this.it = it;
      advance();
    }

    private void advance() {
      String last = head == null ? null : head.getKey();
      head = it.hasNext() ? it.next() : null;
      if (last != null && head != null && last.compareTo(head.getKey()) >= 0) {
        throw new UncheckedIOException(
            new IOException(
                "S3 listed '" + head.getKey() + "' after '" + last + "', out of path order"));
      }
    }

    /**
     * The object at {@code key} (null: to the end), or null; the keys passed over go to {@code
     * skipped} when given.
     */
    S3Objects.Stored find(String key, List<String> skipped) {
      while (head != null && (key == null || head.getKey().compareTo(key) < 0)) {
        if (skipped != null) {
          skipped.add(head.getKey());
        }
        advance();
      }
      if (key != null && head != null && head.getKey().equals(key)) {
        S3Objects.Stored s = head.getValue();
        advance();
        return s;
      }
      return null;
    }
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
        date = ManifestJson.date(in, objects.where(key));
      }
    }
    return SnapshotDate.looksLikeDate(date)
        ? Optional.of(SnapshotDate.parse(date))
        : Optional.empty();
  }
}
