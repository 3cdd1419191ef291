package dev.tintype.pypi;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.UpstreamPages;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Mirrors the configured projects of a PyPI-like Simple API into a static PEP 503/691 tree. */
public final class PypiMirror implements Mirror {
  static final String ACCEPT =
      "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
          + " text/html;q=0.01";
  private static final String SNAPSHOT_BASE = "https://snapshot.invalid/";
  private static final int STALE_RETRIES = 2;
  // Below this many projects, one page each costs less than upstream's whole project list.
  static final int ROOT_INDEX_MIN_PROJECTS = 100;

  private final int rootIndexMinProjects;

  public PypiMirror() {
    this(ROOT_INDEX_MIN_PROJECTS);
  }

  PypiMirror(int rootIndexMinProjects) {
    this.rootIndexMinProjects = rootIndexMinProjects;
  }

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    Map<String, ProjectName> projects = new TreeMap<>();
    for (String p : ctx.repo().projects()) {
      ProjectName n;
      try {
        n = new ProjectName(p);
      } catch (IllegalArgumentException e) {
        throw new BadUpstreamException("project '" + p + "' in the config: " + e.getMessage(), e);
      }
      projects.putIfAbsent(n.normalized(), n);
    }
    Instant cutoff =
        ctx.options().backfill()
            ? ctx.options().date().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            : null;
    Map<String, FileEntry> known = knownPool(ctx.previous());

    // A backfill leaves newer files out, so neither side of one can stand for today's upstream.
    boolean mayCarry =
        cutoff == null
            && !ctx.previous()
                .map(m -> "true".equals(m.properties().get("backfilled")))
                .orElse(false);
    Map<String, Long> serials = mayCarry ? upstreamSerials(ctx, projects.size()) : Map.of();
    // An unchanged project needs nothing of its old page but its serial, which the last snapshot's
    // project list holds: its pages are linked (copied inside S3) and never opened.
    Map<String, Long> before = serials.isEmpty() ? Map.of() : previousSerials(ctx);
    Earlier earlier = Earlier.of(ctx.previous());
    List<ProjectName> wanted = new ArrayList<>(projects.values());
    Map<ProjectName, Planned> planned =
        ParallelFetch.run(
            ctx,
            "pages",
            wanted,
            ProjectName::name,
            n -> plan(ctx, n, mayCarry, cutoff, serials, before, earlier));
    List<Planned> plans = new ArrayList<>(wanted.size());
    for (ProjectName name : wanted) {
      plans.add(planned.get(name));
    }
    List<Wanted> toFetch = new ArrayList<>();
    for (Planned p : plans) {
      if (p.upstream != null) {
        for (DistFile f : p.upstream.files()) {
          if (!isKnown(ctx, known, f)) {
            toFetch.add(new Wanted(p.upstream.name(), f));
          }
        }
      }
    }
    ctx.info(projects.size() + " projects; " + toFetch.size() + " files to download");
    Map<Wanted, Stored> fetched =
        ParallelFetch.run(ctx, toFetch, Wanted::describe, w -> fetchOne(ctx, w));

    ctx.listener().phase(ctx.repo().name().name(), "index");
    SimpleTree tree = new SimpleTree(sink, ctx.downloads());
    boolean unread = false;
    for (Planned p : plans) {
      String dir = Layout.pypiProjectDir(p.name.normalized());
      if (p.unread()) {
        if (!carry(sink, earlier, dir)) {
          throw new IOException(
              p.name.name() + ": the last snapshot's manifest lists no pages for it");
        }
        tree.addWritten(p.name, p.serial);
        unread = true;
        continue;
      }
      ProjectPage page = p.carried != null ? p.carried : localize(ctx, p.upstream, known, fetched);
      for (DistFile f : page.files()) {
        reference(ctx, sink, known, f);
      }
      if (p.carried != null && carry(sink, earlier, dir)) {
        tree.addWritten(page.name(), page.lastSerial());
      } else {
        tree.add(page);
      }
    }
    if (unread) {
      referenceUnread(ctx, sink, plans, projects.keySet(), earlier.files().keySet());
    }
    int count = tree.finish();
    Map<String, String> props = new LinkedHashMap<>();
    if (cutoff != null) {
      props.put("backfilled", "true");
      props.put("backfill-cutoff", cutoff.toString());
      props.put(
          "backfilled-on",
          Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      props.put(
          "backfill-note",
          "files uploaded after the cutoff are left out; yanks and deletions after it cannot be"
              + " known");
    }
    return new Result(count, props);
  }

  /**
   * A project taken from upstream ({@code upstream}), carried forward unchanged with its old page
   * read ({@code carried}), or carried forward unread (both null: its serial is unchanged, its
   * pages are linked, its pool files come from the previous manifest). {@code previous} is the old
   * page where it was read.
   */
  private record Planned(
      ProjectName name,
      ProjectPage upstream,
      ProjectPage carried,
      Optional<ProjectPage> previous,
      long serial) {
    static Planned fetched(ProjectPage up, Optional<ProjectPage> previous) {
      return new Planned(up.name(), up, null, previous, up.lastSerial());
    }

    static Planned carried(ProjectPage page) {
      return new Planned(page.name(), null, page, Optional.of(page), page.lastSerial());
    }

    boolean unread() {
      return upstream == null && carried == null;
    }
  }

  /**
   * References the pool files of the projects carried unread: every file of the previous snapshot
   * except those of the projects whose old pages were read (they reference what they still have)
   * and of projects no longer configured. PyPI file names are unique across projects, so a file
   * belongs to one project's page.
   */
  private static void referenceUnread(
      MirrorContext ctx,
      SnapshotSink sink,
      List<Planned> plans,
      Set<String> configured,
      Set<String> earlierFiles)
      throws IOException {
    Set<String> released = new HashSet<>();
    for (Planned p : plans) {
      if (p.previous.isPresent()) {
        release(p.previous.get(), released);
      }
    }
    String prefix = Layout.SIMPLE + "/";
    for (String path : earlierFiles) {
      if (path.startsWith(prefix)
          && path.endsWith("/index.json")
          && path.length() > prefix.length() + "/index.json".length()) {
        String dir = path.substring(prefix.length(), path.length() - "/index.json".length());
        if (!dir.contains("/") && !configured.contains(dir)) {
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
      }
    }
    for (FileEntry f : ctx.previous().orElseThrow().pool()) {
      if (!released.contains(f.path())) {
        sink.reference(f);
      }
    }
  }

  private static void release(ProjectPage old, Set<String> released) throws BadUpstreamException {
    for (DistFile f : old.files()) {
      String key = poolKey(f);
      released.add(key);
      released.add(key + ".metadata");
    }
  }

  /**
   * The previous snapshot's serial of each project, from its project list; empty if it has none.
   */
  private static Map<String, Long> previousSerials(MirrorContext ctx) {
    Manifest m = ctx.previous().orElseThrow();
    String key = Layout.snapshotFile(m.repoName(), m.snapshotDate(), Layout.SIMPLE + "/index.json");
    try (InputStream in = ctx.storage().open(key)) {
      return RootSerials.parse(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      ctx.warn(key + ": no serials readable (" + e.getMessage() + "); reading each project's page");
      return Map.of();
    }
  }

  private record Wanted(ProjectName project, DistFile file) {
    String describe() {
      return project.name() + ": " + file.filename();
    }
  }

  private record Stored(FileEntry file, FileEntry metadata) {}

  private Planned plan(
      MirrorContext ctx,
      ProjectName name,
      boolean mayCarry,
      Instant cutoff,
      Map<String, Long> serials,
      Map<String, Long> before,
      Earlier earlier)
      throws IOException {
    Long listed = serials.get(name.normalized());
    Long was = before.get(name.normalized());
    if (listed != null
        && was != null
        && was >= 0
        && listed.longValue() == was.longValue()
        && earlier.hasPages(Layout.pypiProjectDir(name.normalized()))) {
      return new Planned(name, null, null, Optional.empty(), listed);
    }
    Optional<ProjectPage> previous = previousPage(ctx, name);
    long previousSerial = previous.map(ProjectPage::lastSerial).orElse(-1L);
    if (previousSerial >= 0 && listed != null && listed == previousSerial) {
      return Planned.carried(previous.get());
    }
    ProjectPage up = null;
    for (int attempt = 0; attempt <= STALE_RETRIES; attempt++) {
      up = fetchPage(ctx, name);
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
      up = new ProjectPage(up.name(), kept, up.lastSerial());
    }
    if (up.files().isEmpty()) {
      ctx.warn(name.name() + ": no files" + (cutoff != null ? " uploaded by the cutoff" : ""));
    }
    return Planned.fetched(up, previous);
  }

  /**
   * Upstream's {@code _last-serial} of every project, from its project list (PyPI's {@code
   * /simple/} in JSON), so a nightly sync fetches only the pages that changed. Empty where there is
   * no earlier snapshot to compare with, too few projects to be worth the list, or no serials.
   */
  private Map<String, Long> upstreamSerials(MirrorContext ctx, int projects) {
    if (ctx.previous().isEmpty() || projects < rootIndexMinProjects) {
      return Map.of();
    }
    String base = ctx.repo().upstreamBase() + "/simple/";
    boolean local = base.startsWith("file:");
    try {
      Optional<Fetcher.Page> page =
          ctx.fetcher().page(URI.create(local ? base + "index.json" : base), ACCEPT);
      if (page.isEmpty() || !(local || isJson(page.get()))) {
        return Map.of();
      }
      return RootSerials.parse(page.get().body());
    } catch (IOException | RuntimeException e) {
      ctx.warn(
          "upstream's project list "
              + base
              + " gave no serials ("
              + e.getMessage()
              + "); fetching every project's page");
      return Map.of();
    }
  }

  /** The earlier snapshot's own files by path relative to it, and the key its paths go under. */
  private record Earlier(Map<String, FileEntry> files, String base) {
    static Earlier of(Optional<Manifest> previous) {
      Map<String, FileEntry> m = new HashMap<>();
      previous.ifPresent(p -> p.files().forEach(f -> m.put(f.path(), f)));
      String base =
          previous.map(p -> Layout.snapshot(p.repoName(), p.snapshotDate()) + "/").orElse("");
      return new Earlier(m, base);
    }

    boolean hasPages(String dir) {
      return files.containsKey(dir + "index.html") && files.containsKey(dir + "index.json");
    }
  }

  /**
   * Carries an unchanged project's two pages from the earlier snapshot; false where its manifest
   * does not list them.
   */
  private static boolean carry(SnapshotSink sink, Earlier earlier, String dir) throws IOException {
    FileEntry html = earlier.files().get(dir + "index.html");
    FileEntry json = earlier.files().get(dir + "index.json");
    if (html == null || json == null) {
      return false;
    }
    sink.carry(html.path(), earlier.base() + html.path(), html);
    sink.carry(json.path(), earlier.base() + json.path(), json);
    return true;
  }

  private ProjectPage fetchPage(MirrorContext ctx, ProjectName name) throws IOException {
    String base = ctx.repo().upstreamBase() + "/simple/" + name.normalized() + "/";
    Fetcher f = ctx.fetcher();
    boolean local = base.startsWith("file:");
    Optional<Fetcher.Page> page = f.page(URI.create(local ? base + "index.json" : base), ACCEPT);
    boolean json = page.isPresent() && (local || isJson(page.get()));
    if (page.isEmpty() && local) {
      page = f.page(URI.create(base + "index.html"), null);
    }
    if (page.isEmpty()) {
      throw new BadUpstreamException(
          name.name() + ": upstream " + base + " has no such project (404)");
    }
    Fetcher.Page p = page.get();
    String pageUrl = local ? base : p.finalUrl();
    try (InputStream in = new ByteArrayInputStream(p.body())) {
      ProjectPage parsed =
          json
              ? UpstreamPages.parseJson(name, in, pageUrl)
              : UpstreamPages.parseHtml(name, in, pageUrl);
      long headerSerial = p.header("X-PyPI-Last-Serial").map(PypiMirror::parseLong).orElse(-1L);
      long serial = Math.max(parsed.lastSerial(), headerSerial);
      return new ProjectPage(parsed.name(), parsed.files(), serial);
    } catch (IllegalArgumentException e) {
      throw new BadUpstreamException(name.name() + ": " + e.getMessage(), e);
    } catch (BadUpstreamException e) {
      throw e;
    } catch (IOException e) {
      throw new BadUpstreamException(
          name.name() + ": refused upstream page " + pageUrl + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJson(Fetcher.Page p) {
    return p.header("Content-Type").map(t -> t.contains("json")).orElse(false);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The project's page in the previous snapshot, with urls turned back into pool keys. */
  private static Optional<ProjectPage> previousPage(MirrorContext ctx, ProjectName name)
      throws IOException {
    if (ctx.previous().isEmpty()) {
      return Optional.empty();
    }
    Manifest m = ctx.previous().get();
    String rel = Layout.pypiProjectDir(name.normalized()) + "index.json";
    String key = Layout.snapshotFile(m.repoName(), m.snapshotDate(), rel);
    String base =
        SNAPSHOT_BASE + m.repo() + "/" + m.date() + "/" + Layout.pypiProjectDir(name.normalized());
    try (InputStream in = ctx.storage().open(key)) {
      ProjectPage p = UpstreamPages.parseJson(name, in, base);
      List<DistFile> files = new ArrayList<>();
      for (DistFile f : p.files()) {
        files.add(f.withUrl(Layout.pypiHrefToPool(sha(f), f.filename())));
      }
      return Optional.of(new ProjectPage(p.name(), files, p.lastSerial()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static Sha256 sha(DistFile f) throws BadUpstreamException {
    String hex = f.hashes().get("sha256");
    if (hex == null) {
      throw new BadUpstreamException(
          f.filename() + ": upstream gives no sha256, so it cannot be verified; refused");
    }
    return new Sha256(hex);
  }

  private static String poolKey(DistFile f) throws BadUpstreamException {
    return Layout.poolFile(sha(f), f.filename());
  }

  private static boolean isKnown(MirrorContext ctx, Map<String, FileEntry> known, DistFile f)
      throws IOException {
    String key = poolKey(f);
    FileEntry k = known.get(key);
    if (k != null) {
      return ctx.pool().has(k);
    }
    return false;
  }

  private Stored fetchOne(MirrorContext ctx, Wanted w) throws IOException {
    DistFile f = w.file();
    Sha256 sha = sha(f);
    String what = w.describe();
    Expected expected = new Expected(f.hashes().get("md5"), sha, null);
    Downloaded d = ctx.fetcher().download(URI.create(f.url()), ctx.scratch(), what, expected);
    FileEntry file;
    try {
      file = ctx.pool().add(d, f.filename(), false);
    } finally {
      Files.deleteIfExists(d.file());
    }
    FileEntry meta = null;
    if (f.coreMetadata() != null) {
      String metaHex = f.coreMetadata().get("sha256");
      Expected me = new Expected(null, metaHex == null ? null : new Sha256(metaHex), null);
      Downloaded md =
          ctx.fetcher()
              .download(URI.create(f.url() + ".metadata"), ctx.scratch(), what + ".metadata", me);
      try {
        meta = ctx.pool().addBeside(md, sha, f.filename() + ".metadata");
      } finally {
        Files.deleteIfExists(md.file());
      }
    }
    return new Stored(file, meta);
  }

  /** Rewrites upstream file urls to the pool, keeping only what was stored. */
  private ProjectPage localize(
      MirrorContext ctx, ProjectPage up, Map<String, FileEntry> known, Map<Wanted, Stored> fetched)
      throws IOException {
    List<DistFile> files = new ArrayList<>();
    for (DistFile f : up.files()) {
      Stored s = fetched.get(new Wanted(up.name(), f));
      boolean hasMeta;
      if (s != null) {
        known.put(s.file().path(), s.file());
        if (s.metadata() != null) {
          known.put(s.metadata().path(), s.metadata());
        }
        hasMeta = s.metadata() != null;
      } else {
        hasMeta = known.containsKey(poolKey(f) + ".metadata");
      }
      FileEntry stored = known.get(poolKey(f));
      // The size we serve is the stored file's: upstream's figure is advisory (PEP 700 wants one).
      DistFile local =
          new DistFile(
              f.filename(),
              Layout.pypiHrefToPool(sha(f), f.filename()),
              f.hashes(),
              f.requiresPython(),
              f.yanked(),
              hasMeta ? f.coreMetadata() : null,
              stored == null ? f.size() : Long.valueOf(stored.size()),
              f.uploadTime());
      files.add(local);
    }
    return new ProjectPage(up.name(), files, up.lastSerial());
  }

  private static void reference(
      MirrorContext ctx, SnapshotSink sink, Map<String, FileEntry> known, DistFile f)
      throws IOException {
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

  private static Map<String, FileEntry> knownPool(Optional<Manifest> previous) {
    Map<String, FileEntry> m = new HashMap<>();
    previous.ifPresent(p -> p.pool().forEach(f -> m.put(f.path(), f)));
    return m;
  }
}
