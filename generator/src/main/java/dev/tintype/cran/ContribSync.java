package dev.tintype.cran;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.format.cran.PackagesIndex;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Mirrors CRAN-like contrib dirs into one snapshot: the source packages into the pool, verified,
 * hard links at their standard places, and PACKAGES, PACKAGES.gz and PACKAGES.rds whose {@code
 * Path} leads into the pool. One instance serves one snapshot build, so that a file listed in
 * several contrib dirs is downloaded once.
 */
public final class ContribSync {
  /** What to do when upstream has no index in a contrib dir. */
  public enum IfMissing {
    /** Refuse the snapshot: the repository is not what the config says. */
    REFUSE,
    /** Publish a valid empty index, as clients ask every configured dir for one. */
    EMPTY
  }

  private final MirrorContext ctx;
  private final SnapshotSink sink;
  // Pool files by name and MD5, from earlier snapshots and the dirs mirrored so far.
  private KnownFiles known;
  private PreviousBuilds previousBuilds;
  private Map<String, FileEntry> storedByName;
  final CuratedContrib curated;

  public ContribSync(MirrorContext ctx, SnapshotSink sink) {
    this.ctx = ctx;
    this.sink = sink;
    this.curated = new CuratedContrib(ctx);
  }

  /** What the manifest records of the repository's curation (empty without one). */
  public Map<String, String> curationProperties() {
    return curated.properties();
  }

  /**
   * What one contrib dir holds in the snapshot.
   *
   * @param packages how many records its index has
   * @param listedUpstream whether upstream had an index there (else an empty one was published)
   * @param files the pool file of each package file placed directly in the contrib dir, by name
   */
  public record Mirrored(int packages, boolean listedUpstream, Map<String, FileEntry> files) {
    public Mirrored {
      files = Map.copyOf(files);
    }
  }

  /** Makes a pool file known, so an entry of that name and MD5 needs no download. */
  void remember(String fileName, FileEntry poolFile) throws IOException {
    known().add(fileName, poolFile);
  }

  /** Mirrors one contrib dir into the snapshot. */
  public Mirrored mirror(ContribLocation loc, IfMissing ifMissing) throws IOException {
    Optional<List<CranEntry>> listed = curated.readIndex(loc);
    List<CranEntry> entries;
    if (listed.isPresent()) {
      entries = listed.get();
      ctx.info(loc.prefix() + entries.size() + " packages listed upstream");
    } else if (ifMissing == IfMissing.EMPTY) {
      entries = List.of();
      ctx.info(loc.prefix() + "no index upstream; publishing an empty one");
    } else {
      throw new BadUpstreamException(
          loc.root()
              + " has neither "
              + loc.dir()
              + "/PACKAGES.gz nor "
              + loc.dir()
              + "/PACKAGES: is it a CRAN-like repository?");
    }
    return mirror(loc, entries, listed.isPresent());
  }

  /**
   * Mirrors {@code entries}, read from upstream's index (and maybe filtered), into the snapshot.
   */
  Mirrored mirror(ContribLocation loc, List<CranEntry> entries, boolean listedUpstream)
      throws IOException {
    List<CranEntry> upstream = entries;
    ctx.share().planned(loc.dir(), () -> ContribIndex.digest(upstream));
    entries = withoutPurged(loc, carryForward(loc, entries));
    entries = curated.filter(loc, entries);
    List<FileEntry> stored = fetchAll(loc, entries);

    ctx.listener().phase(ctx.repo().name().name(), Phase.INDEX);
    List<DcfRecord> records = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      records.add(
          entries
              .get(i)
              .record()
              .with("Path", Layout.pathToPool(loc.dir(), stored.get(i).digest())));
    }
    // The indexes are built on other threads while this one places the hard links, which is
    // mostly waiting on the file system.
    PackagesIndex index = PackagesIndex.of(records);
    ContribIndexes indexes = new ContribIndexes(ctx, loc.dir());
    Future<ContribIndexes.Plan> plan = ctx.downloads().submit(() -> indexes.plan(index));
    Future<byte[]> rds = null;
    Map<String, FileEntry> files = new HashMap<>();
    try {
      Set<String> linked = new HashSet<>();
      for (int i = 0; i < entries.size(); i++) {
        CranEntry e = entries.get(i);
        FileEntry f = stored.get(i);
        if (linked.add(e.fileName())) {
          sink.link(Layout.contribFile(loc.dir(), e.fileName()), f);
          if (e.path() == null) {
            files.put(e.fileName(), f);
          }
        } else {
          sink.reference(f);
        }
      }
      ContribIndexes.Plan p = ContribIndexes.await(plan, "PACKAGES");
      rds = p.rds();
      indexes.publish(sink, index, p);
    } finally {
      plan.cancel(true);
      if (rds != null) {
        rds.cancel(true);
      }
    }
    return new Mirrored(entries.size(), listedUpstream, files);
  }

  /**
   * A shard's part of {@link #mirror}: reads the index as it does (reporting its digest to {@link
   * dev.tintype.sync.Share#planned}) and fetches into the pool the packages {@link
   * dev.tintype.sync.Share#owns} gives this process that the pool lacks, {@code batch} at a time,
   * handing each batch's files to {@link dev.tintype.sync.Share#fetched} (a rerun skips them).
   * Writes nothing into a snapshot.
   */
  public void fetchShare(ContribLocation loc, int batch) throws IOException {
    List<CranEntry> entries = ContribIndex.read(ctx, loc).orElse(List.of());
    ctx.share().planned(loc.dir(), () -> ContribIndex.digest(entries));
    List<CranEntry> mine = new ArrayList<>();
    for (CranEntry e : withoutPurged(loc, entries)) {
      if (ctx.share().owns(e.name())) {
        mine.add(e);
      }
    }
    for (int from = 0; from < mine.size(); from += batch) {
      ctx.share().fetched(fetchAll(loc, mine.subList(from, Math.min(mine.size(), from + batch))));
    }
  }

  /**
   * Upstream's entries, except that the packages the share carries (publish --carry-forward) are
   * the previous snapshot's records instead: their files are in its pool.
   */
  private List<CranEntry> carryForward(ContribLocation loc, List<CranEntry> entries)
      throws IOException {
    if (ctx.share().note().isEmpty()) {
      return entries;
    }
    PreviousSnapshot m =
        ctx.previous()
            .orElseThrow(
                () ->
                    new BadUpstreamException(
                        ctx.repo().name()
                            + ": there is no earlier snapshot to carry the unfinished shards'"
                            + " packages from; rerun those shards instead"));
    String source = m.key(loc.dir() + "/PACKAGES");
    List<DcfRecord> before;
    try (java.io.InputStream in = ctx.storage().open(source)) {
      before = Dcf.read(in, source);
    }
    List<CranEntry> out = new ArrayList<>();
    for (CranEntry e : entries) {
      if (!ctx.share().carried(e.name())) {
        out.add(e);
      }
    }
    for (int i = 0; i < before.size(); i++) {
      // Path leads into the pool from the snapshot: it is not an upstream subdir.
      CranEntry e = CranEntry.of(before.get(i).without("Path"), source, i, loc.dir());
      if (ctx.share().carried(e.name())) {
        out.add(e);
      }
    }
    out.sort(ContribIndex.ORDER);
    return out;
  }

  /** The pool file of each entry, in the same order. */
  private List<FileEntry> fetchAll(ContribLocation loc, List<CranEntry> entries)
      throws IOException {
    KnownFiles byMd5 = known();
    // By position, not by entry: an entry's hash code walks its whole record.
    FileEntry[] stored = new FileEntry[entries.size()];
    List<CranEntry> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    Map<String, FileEntry> builds = null;
    for (int i = 0; i < entries.size(); i++) {
      CranEntry e = entries.get(i);
      FileEntry k;
      Optional<String> built = e.record().get("Built");
      if (e.md5() != null) {
        k = byMd5.get(e.fileName(), e.md5());
      } else if (loc.kind() != PackageKind.SOURCE && built.isPresent()) {
        if (builds == null) {
          if (previousBuilds == null) {
            previousBuilds = new PreviousBuilds(ctx);
          }
          builds = previousBuilds.of(loc);
        }
        k = builds.get(PreviousBuilds.key(e.fileName(), built.get()));
        if (k == null) {
          k = storedByName().get(e.fileName());
        }
      } else {
        k = null;
      }
      if (k != null && ctx.pool().has(k)) {
        stored[i] = k;
      } else {
        missing.add(e);
        missingAt.add(i);
      }
    }
    ctx.info(
        loc.prefix()
            + (entries.size() - missing.size())
            + " files already in the pool, "
            + missing.size()
            + " to download");
    Map<CranEntry, FileEntry> fetched =
        ParallelFetch.run(ctx, missing, CranEntry::describe, e -> fetchOne(loc, e));
    for (int m = 0; m < missing.size(); m++) {
      CranEntry e = missing.get(m);
      FileEntry f = fetched.get(e);
      stored[missingAt.get(m)] = f;
      if (f.md5() != null) {
        byMd5.add(e.fileName(), f);
      }
    }
    return Arrays.asList(stored);
  }

  private FileEntry fetchOne(ContribLocation loc, CranEntry e) throws IOException {
    Downloaded d =
        ctx.fetcher()
            .download(
                loc.file(e.upstreamRelative()),
                ctx.scratch(),
                e.describe(),
                new Expected(e.md5(), null, null));
    FileEntry stored = null;
    try {
      if (loc.kind() == PackageKind.SOURCE) {
        DescriptionCheck.check(d.file(), e);
      } else {
        BinaryCheck.check(d.file(), e, loc.kind(), ctx.fetcher().limits());
      }
      stored = ctx.pool().add(d, e.fileName(), true);
    } finally {
      if (stored == null) {
        Files.deleteIfExists(d.file());
      }
    }
    return stored;
  }

  /**
   * The entries without the package versions whose file {@code tintype purge} deleted from this
   * repository, warning of each: left out of the index, never downloaded again. Matched by file
   * name, since upstream gives no sha256 before the download; CRAN never reuses a version's file
   * name for other content.
   */
  List<CranEntry> withoutPurged(ContribLocation loc, List<CranEntry> entries) throws IOException {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (dev.tintype.purge.Purges.Purge p : dev.tintype.purge.Purges.read(ctx.storage()).purges()) {
      if (p.repo().equals(ctx.repo().name().name())) {
        p.files().forEach(f -> names.add(Layout.poolKey(f.pool()).fileName()));
      }
    }
    if (names.isEmpty()) {
      return entries;
    }
    List<CranEntry> kept = new ArrayList<>(entries.size());
    for (CranEntry e : entries) {
      if (names.contains(e.fileName())) {
        ctx.warn(
            loc.prefix()
                + e.describe()
                + ": "
                + e.fileName()
                + " was purged (see .tintype/purges.json); left out of the index");
      } else {
        kept.add(e);
      }
    }
    return kept;
  }

  /**
   * Pool files by file name and MD5: the previous snapshot's, then what this run's shards stored,
   * then what this run added. Built on first use.
   */
  private KnownFiles known() throws IOException {
    if (known == null) {
      known = KnownFiles.of(ctx.previous());
      for (FileEntry f : ctx.share().stored()) {
        if (f.md5() != null) {
          known.add(f);
        }
      }
    }
    return known;
  }

  /** The files this run's shards stored, for binaries without MD5sum ({@link RunFiles}). */
  private Map<String, FileEntry> storedByName() {
    if (storedByName == null) {
      storedByName = RunFiles.byUniqueName(ctx.share().stored());
    }
    return storedByName;
  }
}
