package dev.tintype.purge;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.PoolKey;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.manifest.ManifestLinks;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Deletes named files from the pool, and every snapshot's hard links to them, leaving pages and
 * manifests byte for byte as they were (their signatures stay valid): the snapshots then answer 404
 * for those files, so installers fail closed. It is the one exception to immutability, and it is
 * recorded in {@code .tintype/purges.json} before anything is deleted, so an interrupted purge is
 * finished by running it again, and verify, sync and import know the files from then on.
 */
public final class Purger {
  private static final String HOLDER = "purge";
  // Stored beside a PyPI file and named after it: PEP 658 metadata, PEP 740 provenance.
  private static final List<String> COMPANIONS = List.of(".metadata", ".provenance");

  private final Storage storage;
  private final PurgeListener listener;

  public Purger(Storage storage, PurgeListener listener) {
    this.storage = storage;
    this.listener = listener;
  }

  /**
   * What to purge from a repository: a project's files (PyPI: the files its pages link to; CRAN:
   * the package's {@code <pkg>_<ver>.tar.gz}), or files by name, or both.
   */
  public record Request(
      RepoName repo, Optional<String> project, List<String> files, String reason) {
    public Request {
      files = List.copyOf(files);
      if (project.isEmpty() && files.isEmpty()) {
        throw new IllegalArgumentException("a purge names a project or files");
      }
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a purge needs a reason");
      }
    }
  }

  /** What a purge did (or, dry, would do). */
  public record Report(boolean dryRun, List<Purges.PurgedFile> files, int links, long bytes) {}

  public Report run(Request req, boolean dryRun, boolean breakLock) throws IOException {
    try (StorageLock lock = storage.lock(req.repo(), HOLDER, breakLock)) {
      return purge(req, dryRun);
    }
  }

  private Report purge(Request req, boolean dryRun) throws IOException {
    List<SnapshotDate> dates = Snapshots.published(storage, req.repo());
    // Decide everything first, from the manifests alone.
    Map<String, FileEntry> doomed = new TreeMap<>();
    Set<String> links = new LinkedHashSet<>();
    // Each manifest is streamed, never held: a large mirror's lists millions of entries.
    for (SnapshotDate d : dates) {
      selected(d, req, doomed);
    }
    if (doomed.isEmpty()) {
      throw new IllegalArgumentException(
          "no snapshot of "
              + req.repo()
              + " lists "
              + req.project().map(p -> "project " + p).orElse("")
              + (req.project().isPresent() && !req.files().isEmpty() ? " or " : "")
              + (req.files().isEmpty() ? "" : "files " + req.files())
              + ": nothing to purge");
    }
    if (storage.placesLinks()) {
      for (SnapshotDate d : dates) {
        String key = Layout.manifest(req.repo(), d);
        try (ManifestLinks ls = ManifestLinks.open(storage.open(key), key)) {
          for (LinkEntry l; (l = ls.next()) != null; ) {
            if (doomed.containsKey(l.pool())) {
              links.add(Layout.snapshotFile(req.repo(), d, l.path()));
            }
          }
        }
      }
    }
    List<Purges.PurgedFile> files = new ArrayList<>();
    for (FileEntry f : doomed.values()) {
      files.add(new Purges.PurgedFile(f.path(), f.sha256()));
    }
    if (!dryRun) {
      Purges.append(
          storage,
          new Purges.Purge(
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              req.repo().name(),
              req.project().orElse(null),
              files,
              req.reason()));
    }
    // Links first: a snapshot never serves a file the pool no longer holds.
    for (String key : links) {
      listener.link(key);
      if (!dryRun) {
        storage.delete(key);
      }
    }
    long bytes = 0;
    for (FileEntry f : doomed.values()) {
      Optional<Long> size = storage.size(f.path());
      if (size.isEmpty()) {
        listener.alreadyGone(f.path());
        continue;
      }
      listener.poolFile(f.path(), size.get());
      bytes += size.get();
      if (!dryRun) {
        storage.delete(f.path());
        storage.removeEmptyParents(f.path(), Layout.POOL);
      }
    }
    return new Report(dryRun, List.copyOf(files), links.size(), bytes);
  }

  /**
   * Adds to {@code doomed} the pool entries of one snapshot that the request names, and their
   * companions, which go (and are recorded) with them. A companion's key extends its file's, so it
   * comes after it in the pool list.
   */
  private void selected(SnapshotDate d, Request req, Map<String, FileEntry> doomed)
      throws IOException {
    String page =
        req.project().isPresent() ? projectPages(req.repo(), d, req.project().get()) : null;
    Pattern cran =
        req.project()
            .map(p -> Pattern.compile(Pattern.quote(p) + "_[^_/]+\\.tar\\.gz"))
            .orElse(null);
    Set<String> companions = new HashSet<>();
    String key = Layout.manifest(req.repo(), d);
    try (ManifestFiles pool = ManifestFiles.openPool(storage.open(key), key)) {
      for (FileEntry f; (f = pool.next()) != null; ) {
        PoolKey k = Layout.poolKey(f.path());
        boolean hit = req.files().contains(k.fileName());
        if (!hit && req.project().isPresent()) {
          hit =
              page != null
                  ? page.contains(f.path() + "#") || page.contains(f.path() + "\"")
                  : cran.matcher(k.fileName()).matches();
        }
        if (hit) {
          String path = f.path();
          COMPANIONS.forEach(c -> companions.add(path + c));
        }
        if (hit || companions.contains(f.path())) {
          doomed.put(f.path(), f);
        }
      }
    }
  }

  /**
   * The text of a PyPI project's pages in a snapshot (they link to its pool files by relative URL),
   * or null when the snapshot has no such page (a CRAN-like snapshot).
   */
  private String projectPages(RepoName repo, SnapshotDate d, String project) throws IOException {
    String normalized = ProjectName.normalize(project);
    StringBuilder text = null;
    String key = Layout.manifest(repo, d);
    try (ManifestFiles files = ManifestFiles.open(storage.open(key), key)) {
      for (FileEntry f; (f = files.next()) != null; ) {
        if (normalized.equals(Layout.projectOfPage(f.path()))) {
          text = text == null ? new StringBuilder() : text;
          try (InputStream in = storage.open(Layout.snapshotFile(repo, d, f.path()))) {
            text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
          }
        }
      }
    }
    return text == null ? null : text.toString();
  }
}
