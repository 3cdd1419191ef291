package dev.tintype.cran;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.cran.CranMeta;
import dev.tintype.format.cran.FileInfo;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CRAN's {@code src/contrib/Archive} in a snapshot: every archived tarball in the pool and at
 * {@code Archive/<pkg>/<file>}, and the snapshot's own {@code Meta/archive.rds} and {@code
 * Meta/current.rds} for exactly what it holds. An archived file never changes upstream, so each is
 * downloaded once, ever: later snapshots take it from the one before. When upstream's archive.rds
 * has the same bytes as last time, it is not even read again.
 */
final class CranArchive {
  /** The sha256 of upstream's archive.rds the snapshot was built from. */
  static final String UPSTREAM_SHA256 = "cran-archive-upstream-sha256";

  /** How many archived files the snapshot holds. */
  static final String FILES = "cran-archive-files";

  private static final String ARCHIVE_RDS = Layout.cranMeta("archive.rds");
  private static final String CURRENT_RDS = Layout.cranMeta("current.rds");

  private final MirrorContext ctx;
  private final SnapshotSink sink;

  CranArchive(MirrorContext ctx, SnapshotSink sink) {
    this.ctx = ctx;
    this.sink = sink;
  }

  /**
   * Upstream's Meta/archive.rds and Meta/current.rds, as fetched (null where upstream has none).
   */
  record Upstream(byte[] archive, Map<String, List<ArchivedFile>> parsed, List<FileInfo> current) {}

  /** Fetches upstream's Meta files; archive.rds is parsed only if it changed since last time. */
  Upstream fetch(ContribLocation loc, boolean parseAlways) throws IOException {
    Fetcher f = ctx.fetcher();
    String archiveUrl = loc.upstream() + "/" + CranMeta.ARCHIVE_RDS;
    byte[] archive = whole(f, archiveUrl);
    Map<String, List<ArchivedFile>> parsed = null;
    if (archive != null && (parseAlways || !sameAsPrevious(archive))) {
      parsed = parse(archive, archiveUrl);
    }
    String currentUrl = loc.upstream() + "/" + CranMeta.CURRENT_RDS;
    byte[] current = whole(f, currentUrl);
    List<FileInfo> cur =
        current == null
            ? null
            : CranMeta.readCurrent(new ByteArrayInputStream(current), currentUrl);
    return new Upstream(archive, parsed, cur);
  }

  /** Through the share: a publish reads the Meta files its shards read, not upstream's now. */
  private byte[] whole(Fetcher f, String url) throws IOException {
    return ctx.share()
        .page(f, URI.create(url), null, f.limits().maxPageBytes(), b -> b.body().readAllBytes())
        .orElse(null);
  }

  /**
   * Whether upstream's archive.rds is byte for byte the one the previous snapshot was built from.
   */
  private boolean sameAsPrevious(byte[] archive) {
    return ctx.previous()
        .map(m -> m.properties().get(UPSTREAM_SHA256))
        .map(Sha256.hash(archive).hex()::equals)
        .orElse(false);
  }

  static Map<String, List<ArchivedFile>> parse(byte[] archive, String source) throws IOException {
    Map<String, List<FileInfo>> raw;
    try {
      raw = CranMeta.readArchive(new ByteArrayInputStream(archive), source);
    } catch (dev.tintype.format.rds.RdsException e) {
      throw new BadUpstreamException(e.getMessage() + "; refused", e);
    }
    Map<String, List<ArchivedFile>> out = new TreeMap<>();
    for (Map.Entry<String, List<FileInfo>> e : raw.entrySet()) {
      List<ArchivedFile> files = new ArrayList<>();
      for (FileInfo row : e.getValue()) {
        files.add(ArchivedFile.of(e.getKey(), row, source));
      }
      out.put(e.getKey(), files);
    }
    return out;
  }

  /**
   * Puts the archive into the snapshot, with its Meta files, and returns the manifest properties
   * that record it.
   *
   * @param current the files directly in src/contrib, by name
   */
  Map<String, String> publish(Upstream up, Map<String, FileEntry> current) throws IOException {
    if (up.archive() == null) {
      ctx.info(
          "upstream has no "
              + Layout.CRAN_CONTRIB
              + "/"
              + CranMeta.ARCHIVE_RDS
              + "; the Archive holds what earlier snapshots held");
    }
    Map<String, List<ArchivedFile>> archived =
        up.archive() != null && up.parsed() == null
            ? null
            : withPrevious(up.parsed() == null ? Map.of() : up.parsed());
    return publish(up, archived, current);
  }

  /**
   * As {@link #publish(Upstream, Map)}, with what the Archive holds decided by the caller.
   *
   * @param archived what the snapshot's Archive holds (null: the previous snapshot's, carried whole
   *     because upstream's archive.rds did not change)
   */
  Map<String, String> publish(
      Upstream up, Map<String, List<ArchivedFile>> archived, Map<String, FileEntry> current)
      throws IOException {
    Map<String, String> props = new LinkedHashMap<>();
    if (up.archive() != null) {
      props.put(UPSTREAM_SHA256, Sha256.hash(up.archive()).hex());
    }
    long files = archived == null ? carryWhole() : place(archived);
    props.put(FILES, Long.toString(files));
    writeCurrent(up.current(), current);
    return props;
  }

  /** The previous snapshot's Archive and archive.rds, placed as they are: no read, no hash. */
  private long carryWhole() throws IOException {
    PreviousSnapshot m = ctx.previous().orElseThrow();
    // Sorted on the first archived file: a snapshot whose Archive is empty needs no index.
    PreviousSnapshot.PoolIndex pool = null;
    // The pool is shared: a file purged from any repository is gone for all of them.
    Set<String> purged = dev.tintype.purge.Purges.read(ctx.storage()).poolKeys();
    long n = 0;
    for (FileEntry f : m.files()) {
      FileEntry p = null;
      if (Layout.cranArchiveRow(f.path()) != null) {
        if (pool == null) {
          pool = m.poolBy("sha256", FileEntry::sha256);
        }
        p = pool.get(f.sha256());
      }
      if (p != null && !purged.contains(p.path())) {
        placeFile(f.path(), p);
        n++;
      } else if (f.path().equals(ARCHIVE_RDS)) {
        sink.carry(f.path(), m.key(f.path()), f);
      }
    }
    ctx.info(n + " archived files carried from " + m.date() + " (archive.rds unchanged upstream)");
    return n;
  }

  /**
   * Puts an archived file at its place in the snapshot: a hard link on a filesystem, a server-side
   * copy on S3, where a snapshot otherwise has no standard places (install_version builds this URL
   * itself and never reads a Path).
   */
  private void placeFile(String path, FileEntry poolFile) throws IOException {
    sink.reference(poolFile);
    sink.carry(path, poolFile.path(), poolFile);
  }

  /**
   * The files to hold: upstream's archive, plus what the previous snapshot held that upstream no
   * longer lists (an archive only grows; what CRAN drops stays installable here).
   */
  Map<String, List<ArchivedFile>> withPrevious(Map<String, List<ArchivedFile>> upstream)
      throws IOException {
    Map<String, List<ArchivedFile>> out = new TreeMap<>();
    Set<String> rows = new HashSet<>();
    upstream.forEach(
        (pkg, files) -> {
          out.put(pkg, new ArrayList<>(files));
          files.forEach(f -> rows.add(f.info().name()));
        });
    Optional<PreviousSnapshot> prev = ctx.previous();
    if (prev.isEmpty()) {
      return out;
    }
    boolean missing = false;
    for (FileEntry l : prev.get().files()) {
      String row = Layout.cranArchiveRow(l.path());
      if (row != null && !rows.contains(row)) {
        missing = true;
        break;
      }
    }
    if (!missing) {
      return out;
    }
    Map<String, List<FileInfo>> earlier = readPreviousArchive(prev.get());
    for (Map.Entry<String, List<FileInfo>> e : earlier.entrySet()) {
      for (FileInfo row : e.getValue()) {
        if (!rows.contains(row.name())) {
          out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add(ArchivedFile.of(e.getKey(), row, "previous snapshot " + prev.get().date()));
        }
      }
    }
    return out;
  }

  private Map<String, List<FileInfo>> readPreviousArchive(PreviousSnapshot m) throws IOException {
    String key = m.key(ARCHIVE_RDS);
    try (InputStream in = ctx.storage().open(key)) {
      return CranMeta.readArchive(in, key);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
  }

  /** Links every archived file, downloading only those no earlier snapshot holds. */
  private long place(Map<String, List<ArchivedFile>> archived) throws IOException {
    List<ArchivedFile> all = new ArrayList<>();
    archived.values().forEach(all::addAll);
    Map<ArchivedFile, FileEntry> stored = store(all);
    Map<String, List<FileInfo>> rows = new TreeMap<>();
    for (Map.Entry<String, List<ArchivedFile>> e : archived.entrySet()) {
      List<FileInfo> pkgRows = new ArrayList<>();
      for (ArchivedFile a : e.getValue()) {
        placeFile(a.snapshotPath(), stored.get(a));
        pkgRows.add(a.info());
      }
      rows.put(e.getKey(), pkgRows);
    }
    sink.write(ARCHIVE_RDS, out -> CranMeta.writeArchive(rows, out));
    return all.size();
  }

  /** The pool file of each archived file: from an earlier snapshot, else downloaded and checked. */
  Map<ArchivedFile, FileEntry> store(List<ArchivedFile> files) throws IOException {
    // The index sorts every pool file of the previous snapshot: not for an empty Archive.
    PreviousSnapshot.PoolIndex known = files.isEmpty() ? k -> null : knownFiles();
    List<ArchivedFile> missing = new ArrayList<>();
    Map<ArchivedFile, FileEntry> stored = new HashMap<>();
    // The pool is shared: a file purged from any repository is gone for all of them.
    Set<String> purged = dev.tintype.purge.Purges.read(ctx.storage()).poolKeys();
    for (ArchivedFile a : files) {
      FileEntry k = known.get(a.fileName());
      if (k != null && (a.size() == null || a.size() == k.size()) && !purged.contains(k.path())) {
        stored.put(a, k);
      } else {
        missing.add(a);
      }
    }
    ctx.info(
        (files.size() - missing.size())
            + " archived files already in the pool, "
            + missing.size()
            + " to download");
    ContribLocation loc = ContribLocation.cran(ctx.repo());
    stored.putAll(
        ParallelFetch.run(ctx, missing, a -> a.entry().describe(), a -> fetchOne(loc, a)));
    return stored;
  }

  private FileEntry fetchOne(ContribLocation loc, ArchivedFile a) throws IOException {
    CranEntry e = a.entry();
    Downloaded d =
        ctx.fetcher()
            .download(
                loc.file(a.upstreamRelative()),
                ctx.scratch(),
                e.describe(),
                new Expected(null, null, a.size()));
    FileEntry stored = null;
    try {
      DescriptionCheck.check(d.file(), e);
      stored = ctx.pool().add(d, a.fileName(), true);
    } finally {
      if (stored == null) {
        Files.deleteIfExists(d.file());
      }
    }
    return stored;
  }

  /**
   * Pool files the previous snapshot holds, by file name: its archived files and its current ones
   * (today's newly archived version was current yesterday). A CRAN file name is one version of one
   * package, and an archived file never changes.
   */
  PreviousSnapshot.PoolIndex knownFiles() throws IOException {
    // What a sharded run's shards stored (none in an ordinary sync); the previous snapshot's first.
    Map<String, FileEntry> stored = new HashMap<>();
    ctx.share().stored().forEach(f -> stored.put(Layout.poolKey(f.path()).fileName(), f));
    PreviousSnapshot.PoolIndex previous =
        ctx.previous().isEmpty()
            ? k -> null
            : ctx.previous().get().poolBy("name", f -> Layout.poolFileName(f.path()));
    return k -> {
      FileEntry f = previous.get(k);
      return f != null ? f : stored.get(k);
    };
  }

  /**
   * current.rds for the files the snapshot holds directly in src/contrib: upstream's row for each
   * where it has one, else the size alone.
   */
  private void writeCurrent(List<FileInfo> upstream, Map<String, FileEntry> current)
      throws IOException {
    Map<String, FileInfo> byName = new HashMap<>();
    if (upstream != null) {
      upstream.forEach(r -> byName.put(r.name(), r));
    }
    List<FileInfo> rows = new ArrayList<>();
    for (Map.Entry<String, FileEntry> e : current.entrySet()) {
      FileInfo r = byName.get(e.getKey());
      rows.add(r != null ? r : FileInfo.of(e.getKey(), e.getValue().size(), null));
    }
    sink.write(CURRENT_RDS, out -> CranMeta.writeCurrent(rows, out));
  }
}
