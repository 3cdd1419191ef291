package dev.tintype.pypi;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool files of a PyPI snapshot: those the last snapshot references, and those downloaded now,
 * each checked against every digest the page gives that we can check (sha256, which is required,
 * and md5 where given; the PEP 658 metadata file against its page's sha256).
 */
final class PoolFiles {
  private final MirrorContext ctx;
  private final Map<String, FileEntry> known = new ConcurrentHashMap<>();
  // sha256 of the files tintype purge deleted: never fetched, served or referenced again.
  private final java.util.Set<String> purged;

  PoolFiles(MirrorContext ctx) throws IOException {
    this.ctx = ctx;
    this.purged = dev.tintype.purge.Purges.read(ctx.storage()).sha256s();
    ctx.previous().ifPresent(p -> p.pool().forEach(f -> known.put(f.path(), f)));
    // What this run's shards stored needs no download either.
    ctx.share().stored().forEach(f -> known.put(f.path(), f));
  }

  /** The pool files of a fetched file: itself, and its .metadata where one was stored. */
  List<FileEntry> stored(Wanted w) throws IOException {
    String key = poolKey(w.file());
    List<FileEntry> out = new ArrayList<>();
    for (String k : List.of(key, key + ".metadata")) {
      FileEntry e = known.get(k);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** One file of a project's page, to download. */
  record Wanted(ProjectName project, DistFile file) {
    String describe() {
      return project.name() + ": " + file.filename();
    }
  }

  static Sha256 sha(DistFile f) throws BadUpstreamException {
    String hex = f.hashes().get("sha256");
    if (hex == null) {
      throw new BadUpstreamException(
          f.filename() + ": upstream gives no sha256, so it cannot be verified; refused");
    }
    return new Sha256(hex);
  }

  static String poolKey(DistFile f) throws BadUpstreamException {
    return Layout.poolFile(sha(f), f.filename());
  }

  /**
   * The page without the files that were purged, warning of each: they are left off the new
   * snapshot's page, so installers never see them. The same page when none was.
   */
  ProjectPage withoutPurged(ProjectPage page) throws IOException {
    if (purged.isEmpty()) {
      return page;
    }
    List<DistFile> kept = new ArrayList<>();
    for (DistFile f : page.files()) {
      if (purged.contains(sha(f).hex())) {
        ctx.warn(
            page.name().name()
                + ": "
                + f.filename()
                + " (sha256 "
                + sha(f).hex()
                + ") was purged (see .tintype/purges.json); left off the page");
      } else {
        kept.add(f);
      }
    }
    return kept.size() == page.files().size()
        ? page
        : new ProjectPage(page.name(), kept, page.lastSerial());
  }

  /** The files of {@code page} that are not in the pool yet (never a purged one). */
  List<Wanted> missing(ProjectPage page) throws IOException {
    List<Wanted> out = new ArrayList<>();
    for (DistFile f : page.files()) {
      if (purged.contains(sha(f).hex())) {
        continue;
      }
      FileEntry k = known.get(poolKey(f));
      if (k == null || !ctx.pool().has(k)) {
        out.add(new Wanted(page.name(), f));
      }
    }
    return out;
  }

  /** Downloads a file, and its .metadata where the page advertises one, into the pool. */
  void fetch(Wanted w) throws IOException {
    DistFile f = w.file();
    Sha256 sha = sha(f);
    String what = w.describe();
    Expected expected = new Expected(f.hashes().get("md5"), sha, null);
    Downloaded d = ctx.fetcher().download(URI.create(f.url()), ctx.scratch(), what, expected);
    try {
      FileEntry file = ctx.pool().add(d, f.filename(), false);
      known.put(file.path(), file);
    } finally {
      Files.deleteIfExists(d.file());
    }
    if (f.coreMetadata() != null) {
      String metaHex = f.coreMetadata().get("sha256");
      Expected me = new Expected(null, metaHex == null ? null : new Sha256(metaHex), null);
      Downloaded md =
          ctx.fetcher()
              .download(URI.create(f.url() + ".metadata"), ctx.scratch(), what + ".metadata", me);
      try {
        FileEntry meta = ctx.pool().addBeside(md, sha, f.filename() + ".metadata");
        known.put(meta.path(), meta);
      } finally {
        Files.deleteIfExists(md.file());
      }
    }
  }

  /** Rewrites upstream file urls to the pool, advertising metadata only where it was stored. */
  ProjectPage localize(ProjectPage up) throws IOException {
    List<DistFile> files = new ArrayList<>();
    for (DistFile f : up.files()) {
      String key = poolKey(f);
      boolean hasMeta = known.containsKey(key + ".metadata");
      FileEntry stored = known.get(key);
      // The size we serve is the stored file's: upstream's figure is advisory (PEP 700 wants one).
      files.add(
          new DistFile(
              f.filename(),
              Layout.pypiHrefToPool(sha(f), f.filename()),
              f.hashes(),
              f.requiresPython(),
              f.yanked(),
              hasMeta ? f.coreMetadata() : null,
              stored == null ? f.size() : Long.valueOf(stored.size()),
              f.uploadTime()));
    }
    return up.withFiles(files);
  }

  /** References a page's file (and its metadata, where the page advertises it) in the snapshot. */
  void reference(SnapshotSink sink, DistFile f) throws IOException {
    String key = poolKey(f);
    FileEntry e = known.get(key);
    if (e == null) {
      throw new IOException(key + ": expected in the pool, but no earlier snapshot lists it");
    }
    sink.reference(e);
    FileEntry meta = known.get(key + ".metadata");
    if (f.coreMetadata() != null && meta != null) {
      sink.reference(meta);
    }
  }
}
