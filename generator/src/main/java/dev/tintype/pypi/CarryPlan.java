package dev.tintype.pypi;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.UpstreamPages;
import dev.tintype.purge.Purges;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Decides, project by project, what of the last snapshot a sync keeps: a project whose upstream
 * serial is unchanged is carried forward (its pages linked, not rendered again), a changed one is
 * read from upstream, and in a backfill files uploaded after the cutoff are left out.
 */
final class CarryPlan {
  private static final String SNAPSHOT_BASE = "https://snapshot.invalid/";
  private static final int STALE_RETRIES = 2;

  private final MirrorContext ctx;
  private final UpstreamClient upstream;
  private final Instant cutoff;
  private final boolean mayCarry;
  // Dropped once planning is done (see planned()): the pages are written without them.
  private SerialTable serials;
  private SerialTable before;
  private final Earlier earlier;
  private final Set<String> purged;

  /**
   * @param rootIndexMinProjects below this many projects, upstream's whole project list costs more
   *     than one page per project, so serials are not read from it
   */
  CarryPlan(MirrorContext ctx, UpstreamClient upstream, int projects, int rootIndexMinProjects)
      throws IOException {
    this.ctx = ctx;
    this.upstream = upstream;
    this.cutoff =
        ctx.options().backfill()
            ? ctx.options().date().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            : null;
    // A backfill leaves newer files out, so neither side of one can stand for today's upstream.
    this.mayCarry =
        cutoff == null
            && !ctx.previous()
                .map(m -> "true".equals(m.properties().get("backfilled")))
                .orElse(false);
    this.purged = Purges.read(ctx.storage()).poolKeys();
    // A page carried unread would link a purged file again: while the last snapshot lists one,
    // every page is read (from that snapshot where unchanged), and the purged files left off.
    boolean listsPurged =
        ctx.previous().map(m -> purged.stream().anyMatch(k -> m.poolFile(k) != null)).orElse(false);
    this.serials =
        mayCarry && ctx.previous().isPresent() && projects >= rootIndexMinProjects
            ? SerialTable.of(upstream.serials())
            : SerialTable.EMPTY;
    // An unchanged project needs nothing of its old page but its serial, which the last snapshot's
    // project list holds: its pages are linked (copied inside S3) and never opened.
    this.before = serials.isEmpty() || listsPurged ? SerialTable.EMPTY : previousSerials(ctx);
    this.earlier = Earlier.of(ctx.previous());
  }

  /** The backfill cutoff (files uploaded from then on are left out), or null. */
  Instant cutoff() {
    return cutoff;
  }

  /**
   * The project as the previous snapshot has it, for a publish that carries its shard forward
   * ({@link dev.tintype.sync.Share#carried}); null if that snapshot does not have it.
   */
  Planned forward(ProjectName name) throws IOException {
    return previousPage(ctx, name).map(Planned::carried).orElse(null);
  }

  Planned plan(ProjectName name) throws IOException {
    Long listed = serials.get(name.normalized());
    Long was = before.get(name.normalized());
    if (listed != null
        && was != null
        && was >= 0
        && listed.longValue() == was.longValue()
        && earlier.hasPages(name)) {
      return Planned.unread(name, listed);
    }
    Optional<ProjectPage> previous = previousPage(ctx, name);
    long previousSerial = previous.map(ProjectPage::lastSerial).orElse(-1L);
    if (previousSerial >= 0 && listed != null && listed == previousSerial) {
      return Planned.carried(previous.get());
    }
    ProjectPage up = null;
    for (int attempt = 0; attempt <= STALE_RETRIES; attempt++) {
      Optional<ProjectPage> page = upstream.page(name);
      if (page.isEmpty()) {
        return Planned.missing(name, previous);
      }
      up = page.get();
      if (up.lastSerial() < 0 || previousSerial < 0 || up.lastSerial() >= previousSerial) {
        break;
      }
      if (attempt == STALE_RETRIES) {
        ctx.warn(
            name.name()
                + ": upstream answered serial "
                + up.lastSerial()
                + ", older than the "
                + previousSerial
                + " already seen (a stale mirror or cache); carrying the project forward");
        return Planned.carried(previous.get());
      }
    }
    if (mayCarry
        && previous.isPresent()
        && previousSerial >= 0
        && up.lastSerial() == previousSerial) {
      return Planned.carried(previous.get());
    }
    if (cutoff != null) {
      List<DistFile> kept = new ArrayList<>();
      for (DistFile f : up.files()) {
        if (f.uploadTime() == null) {
          ctx.warn(name.name() + ": " + f.filename() + " has no upload time; kept in backfill");
          kept.add(f);
        } else if (f.uploadTime().isBefore(cutoff)) {
          kept.add(f);
        }
      }
      up = up.withFiles(kept);
    }
    if (up.files().isEmpty() && !up.status().quarantined()) {
      ctx.warn(name.name() + ": no files" + (cutoff != null ? " uploaded by the cutoff" : ""));
    }
    return Planned.fetched(up, previous);
  }

  /**
   * Carries an unchanged project's two pages from the earlier snapshot; false where its manifest
   * does not list them.
   */
  boolean carry(SnapshotSink sink, ProjectName name) throws IOException {
    FileEntry html = earlier.page(name, false);
    FileEntry json = earlier.page(name, true);
    if (html == null || json == null) {
      return false;
    }
    sink.carry(html.path(), earlier.base() + html.path(), html);
    sink.carry(json.path(), earlier.base() + json.path(), json);
    return true;
  }

  /**
   * References the pool files of the projects carried unread: every file of the previous snapshot
   * except those of the projects whose old pages were read (they reference what they still have),
   * of projects no longer configured, and of projects upstream no longer has. PyPI file names are
   * unique across projects, so a file belongs to one project's page.
   */
  void referenceUnread(SnapshotSink sink, List<Planned> plans, Set<String> configured)
      throws IOException {
    Set<String> released = new HashSet<>();
    for (Planned p : plans) {
      if (p.previous().isPresent()) {
        release(p.previous().get(), released);
      }
    }
    Set<String> unconfigured = new TreeSet<>();
    for (FileEntry page : earlier.pages()) {
      String project = Layout.projectOfPage(page.path());
      if (project != null && !configured.contains(project)) {
        unconfigured.add(project);
      }
    }
    for (String dir : unconfigured) {
      ProjectName gone;
      try {
        gone = new ProjectName(dir);
      } catch (IllegalArgumentException e) {
        continue;
      }
      Optional<ProjectPage> old = previousPage(ctx, gone);
      if (old.isPresent()) {
        release(old.get(), released);
      }
    }
    Iterable<FileEntry> earlierPool = ctx.previous().orElseThrow().pool();
    sink.referenceSorted(
        () ->
            StreamSupport.stream(earlierPool.spliterator(), false)
                .filter(f -> !released.contains(f.path()) && !purged.contains(f.path()))
                .iterator());
  }

  private static void release(ProjectPage old, Set<String> released) throws BadUpstreamException {
    for (DistFile f : old.files()) {
      String key = PoolFiles.poolKey(f);
      released.add(key);
      released.add(key + PoolFiles.METADATA);
      released.add(key + PoolFiles.PROVENANCE);
    }
  }

  /**
   * The previous snapshot's serial of each project, from its project list; empty if it has none.
   */
  private static SerialTable previousSerials(MirrorContext ctx) {
    String key = ctx.previous().orElseThrow().key(Layout.SIMPLE + "/" + Layout.PROJECT_JSON);
    try (InputStream in = ctx.storage().open(key)) {
      SerialTable.Builder b = new SerialTable.Builder();
      RootSerials.read(in, b::add);
      return b.build();
    } catch (IOException | RuntimeException e) {
      ctx.warn(key + ": no serials readable (" + e.getMessage() + "); reading each project's page");
      return SerialTable.EMPTY;
    }
  }

  /** Planning is over: what only {@link #plan} reads is let go. */
  void planned() {
    serials = SerialTable.EMPTY;
    before = SerialTable.EMPTY;
  }

  /**
   * The project's page in the previous snapshot, with urls (of files and of their provenance)
   * turned back into the relative links a page writes.
   */
  static Optional<ProjectPage> previousPage(MirrorContext ctx, ProjectName name)
      throws IOException {
    if (ctx.previous().isEmpty()) {
      return Optional.empty();
    }
    PreviousSnapshot m = ctx.previous().get();
    String key = m.key(Layout.pypiProjectPage(name.normalized(), true));
    String base =
        SNAPSHOT_BASE + m.repo() + "/" + m.date() + "/" + Layout.pypiProjectDir(name.normalized());
    try (InputStream in = ctx.storage().open(key)) {
      ProjectPage p = UpstreamPages.parseJson(name, in, base);
      List<DistFile> files = new ArrayList<>();
      for (DistFile f : p.files()) {
        DistFile local = f.withUrl(Layout.pypiHrefToPool(PoolFiles.sha(f), f.filename()));
        if (f.provenance() != null) {
          local =
              local.withProvenance(
                  Layout.pypiHrefToPool(PoolFiles.sha(f), f.filename() + PoolFiles.PROVENANCE));
        }
        files.add(local);
      }
      return Optional.of(p.withFiles(files));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The earlier snapshot's own files (null: none), and the key its paths go under. */
  private record Earlier(PreviousSnapshot files, String base) {
    static Earlier of(Optional<PreviousSnapshot> previous) {
      String base =
          previous.map(p -> Layout.snapshot(p.repoName(), p.snapshotDate()) + "/").orElse("");
      return new Earlier(previous.orElse(null), base);
    }

    FileEntry page(ProjectName name, boolean json) {
      return files == null ? null : files.file(Layout.pypiProjectPage(name.normalized(), json));
    }

    /** The project pages, in path order. */
    Iterable<FileEntry> pages() {
      return files == null ? List.of() : files.files(Layout.SIMPLE + "/");
    }

    boolean hasPages(ProjectName name) {
      return page(name, false) != null && page(name, true) != null;
    }
  }
}
