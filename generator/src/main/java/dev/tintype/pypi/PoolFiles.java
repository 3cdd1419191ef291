package dev.tintype.pypi;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.fetch.IntegrityException;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Md5;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pool files of a PyPI snapshot: those the last snapshot references, and those downloaded now,
 * each checked against every digest the page gives that we can check (sha256, which is required,
 * and md5 where given; the PEP 658 metadata file against its page's sha256; the PEP 740 provenance
 * object against its URL's {@code #sha256=} fragment where there is one). The metadata file and the
 * provenance object are stored beside their file, named after it.
 */
final class PoolFiles implements java.io.Closeable {
  static final String METADATA = ".metadata";
  static final String PROVENANCE = ".provenance";
  // PyPI's Integrity API, which serves the provenance URLs its pages give.
  private static final String PROVENANCE_ACCEPT =
      "application/vnd.pypi.integrity.v1+json, application/json;q=0.9";

  private final MirrorContext ctx;
  // What this run's shards and this run stored; the previous snapshot's are looked up there.
  private final AddedFiles added;
  // sha256 of the files tintype purge deleted: never fetched, served or referenced again.
  private final java.util.Set<String> purged;

  PoolFiles(MirrorContext ctx) throws IOException {
    this.ctx = ctx;
    this.purged = dev.tintype.purge.Purges.read(ctx.storage()).sha256s();
    this.added = new AddedFiles(ctx.scratch());
    // What this run's shards stored needs no download either.
    ctx.share().stored().forEach(added::put);
  }

  /** The pool file at {@code key} that this run or the previous snapshot has, or null. */
  private FileEntry known(String key) {
    FileEntry e = added.get(key);
    if (e == null && ctx.previous().isPresent()) {
      e = ctx.previous().get().poolFile(key);
    }
    return e;
  }

  /** The pool files of a fetched file: itself, and its .metadata where one was stored. */
  List<FileEntry> stored(Wanted w) throws IOException {
    String key = poolKey(w.file());
    List<FileEntry> out = new ArrayList<>();
    for (String k : List.of(key, key + ".metadata")) {
      FileEntry e = known(k);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * One file of a project's page, to download: the file itself (with its metadata) unless {@code
   * stored} says the pool has it, and its provenance object where the page advertises one the pool
   * lacks.
   */
  record Wanted(ProjectName project, DistFile file, boolean stored) {
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
    return kept.size() == page.files().size() ? page : page.withFiles(kept);
  }

  /**
   * The files of {@code page} that are not in the pool yet, or whose advertised provenance is not
   * (never a purged one).
   */
  List<Wanted> missing(ProjectPage page) throws IOException {
    List<Wanted> out = new ArrayList<>();
    for (DistFile f : page.files()) {
      if (purged.contains(sha(f).hex())) {
        continue;
      }
      String key = poolKey(f);
      FileEntry k = known(key);
      boolean stored = k != null && ctx.pool().has(k);
      if (!stored || (f.provenance() != null && known(key + PROVENANCE) == null)) {
        out.add(new Wanted(page.name(), f, stored));
      }
    }
    return out;
  }

  /**
   * Downloads a file, and its .metadata where the page advertises one, into the pool, then its
   * provenance object where the page advertises one.
   */
  void fetch(Wanted w) throws IOException {
    if (!w.stored()) {
      fetchFile(w);
    }
    if (w.file().provenance() != null && known(poolKey(w.file()) + PROVENANCE) == null) {
      fetchProvenance(w);
    }
  }

  private void fetchFile(Wanted w) throws IOException {
    DistFile f = w.file();
    Sha256 sha = sha(f);
    String what = w.describe();
    Expected expected = new Expected(f.hashes().get("md5"), sha, null);
    // A wheel the closure downloaded for its metadata was verified against this same page.
    Optional<Downloaded> read = ReadWheels.take(ctx, sha);
    Downloaded d =
        read.isPresent()
            ? read.get()
            : ctx.fetcher().download(URI.create(f.url()), ctx.scratch(), what, expected);
    FileEntry file = null;
    try {
      file = ctx.pool().add(d, f.filename(), false);
    } finally {
      if (file == null) {
        Files.deleteIfExists(d.file());
      }
    }
    added.put(file);
    if (f.coreMetadata() != null) {
      String metaHex = f.coreMetadata().get("sha256");
      Expected me = new Expected(null, metaHex == null ? null : new Sha256(metaHex), null);
      Downloaded md =
          ctx.fetcher()
              .download(URI.create(f.url() + METADATA), ctx.scratch(), what + METADATA, me);
      FileEntry meta = null;
      try {
        meta = ctx.pool().addBeside(md, sha, f.filename() + METADATA);
      } finally {
        if (meta == null) {
          Files.deleteIfExists(md.file());
        }
      }
      added.put(meta);
    }
  }

  /**
   * Fetches the PEP 740 provenance object of a file into the pool beside it, within {@code
   * limits.max-page-size}. Where upstream answers 404 or 410, the file is kept without it, with a
   * warning; a digest that does not match fails the sync, naming the file.
   */
  private void fetchProvenance(Wanted w) throws IOException {
    DistFile f = w.file();
    String what = w.describe() + PROVENANCE;
    URI url = URI.create(f.provenanceUrl());
    long max = ctx.fetcher().limits().maxPageBytes();
    Optional<byte[]> body;
    try {
      body = ctx.fetcher().page(url, PROVENANCE_ACCEPT, max, b -> b.body().readAllBytes());
    } catch (TooLargeException e) {
      throw new BadUpstreamException(
          what + ": " + url + " is larger than " + max + " bytes (limits.max-page-size); refused",
          e);
    }
    if (body.isEmpty()) {
      ctx.warn(what + ": upstream has none at " + url + " (404); the file is kept without it");
      return;
    }
    byte[] bytes = body.get();
    Sha256 got = Sha256.hash(bytes);
    String expected = f.provenanceSha256();
    if (expected != null && !expected.equals(got.hex())) {
      throw new IntegrityException(
          what
              + ": sha256 mismatch: upstream's page gives "
              + expected
              + " for "
              + url
              + ", which has "
              + got.hex());
    }
    Files.createDirectories(ctx.scratch());
    Path tmp = Files.createTempFile(ctx.scratch(), "prov-", ".part");
    try {
      Files.write(tmp, bytes);
      Downloaded d = new Downloaded(tmp, got, Md5.hex(Md5.newDigest().digest(bytes)), bytes.length);
      FileEntry e = ctx.pool().addBeside(d, sha(f), f.filename() + PROVENANCE);
      added.put(e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Rewrites upstream file urls to the pool, advertising metadata and provenance only where they
   * were stored.
   */
  ProjectPage localize(ProjectPage up) throws IOException {
    List<DistFile> files = new ArrayList<>();
    for (DistFile f : up.files()) {
      String key = poolKey(f);
      boolean hasMeta = known(key + METADATA) != null;
      boolean hasProvenance = f.provenance() != null && known(key + PROVENANCE) != null;
      FileEntry stored = known(key);
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
              f.uploadTime(),
              hasProvenance ? Layout.pypiHrefToPool(sha(f), f.filename() + PROVENANCE) : null));
    }
    return up.withFiles(files);
  }

  /**
   * References a page's file (and its metadata and provenance, where the page advertises them) in
   * the snapshot.
   */
  void reference(SnapshotSink sink, DistFile f) throws IOException {
    String key = poolKey(f);
    FileEntry e = known(key);
    if (e == null) {
      throw new IOException(key + ": expected in the pool, but no earlier snapshot lists it");
    }
    sink.reference(e);
    FileEntry meta = known(key + METADATA);
    if (f.coreMetadata() != null && meta != null) {
      sink.reference(meta);
    }
    FileEntry provenance = known(key + PROVENANCE);
    if (f.provenance() != null && provenance != null) {
      sink.reference(provenance);
    }
  }

  /** Deletes the scratch file of what this run added. */
  @Override
  public void close() throws IOException {
    added.close();
  }
}
