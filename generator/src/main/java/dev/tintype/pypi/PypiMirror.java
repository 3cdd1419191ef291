package dev.tintype.pypi;

import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.Estimator;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.ProjectStatus;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Mirrors the configured projects of a PyPI-like Simple API into a static PEP 503/691 tree: plan
 * each project against the last snapshot ({@link CarryPlan}), download what the pool lacks ({@link
 * PoolFiles}), then write the pages ({@link SimpleTree}). A project upstream does not have is left
 * out, named in a warning, the manifest and {@link Result#missing()}.
 */
public final class PypiMirror implements Mirror, Estimator {
  /** The manifest property listing the configured projects upstream did not have. */
  public static final String MISSING_PROPERTY = "missing-projects";

  /**
   * The manifest property listing the projects upstream marks quarantined (PEP 792): published with
   * their status and none of their files.
   */
  public static final String QUARANTINED_PROPERTY = "quarantined-projects";

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
  public Estimate estimate(MirrorContext ctx) throws IOException {
    return PypiEstimate.estimate(ctx, rootIndexMinProjects);
  }

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    try (PageSpool spool = new PageSpool(ctx.scratch());
        PoolFiles pool = new PoolFiles(ctx)) {
      return build(ctx, sink, Plans.make(ctx, rootIndexMinProjects, spool), spool, pool);
    }
  }

  private Result build(
      MirrorContext ctx, SnapshotSink sink, Plans planning, PageSpool spool, PoolFiles pool)
      throws IOException {
    FilteredPages filters = planning.filters();
    CarryPlan carry = planning.carry();
    List<Planned> plans = planning.list();
    planned(ctx, plans);
    List<String> missing = missing(ctx, planning.upstream(), plans);
    List<String> quarantined = quarantined(ctx, plans);
    PlannedDownloads.all(ctx, pool, spool, plans, planning.names().size() - missing.size());

    ctx.listener().phase(ctx.repo().name().name(), Phase.INDEX);
    SimpleTree tree = new SimpleTree(sink, ctx.downloads());
    boolean unread = false;
    for (java.util.ListIterator<Planned> it = plans.listIterator(); it.hasNext(); ) {
      Planned p = it.next();
      // Each page is let go once written; what is read after this loop is only the previous page.
      it.set(p.written());
      if (p.missing()) {
        continue;
      }
      if (p.unread()) {
        if (!carry.carry(sink, p.name())) {
          throw new IOException(
              p.name().name() + ": the last snapshot's manifest lists no pages for it");
        }
        tree.addWritten(p.name(), p.serial());
        unread = true;
        continue;
      }
      p = p.unspool(spool);
      ProjectPage full = p.carried() != null ? p.carried() : pool.localize(p.upstream());
      ProjectPage page = pool.withoutPurged(full);
      for (DistFile f : page.files()) {
        pool.reference(sink, f);
      }
      // A carried page that listed a purged file is written anew without it.
      if (p.carried() != null && page == full && carry.carry(sink, page.name())) {
        tree.addWritten(page.name(), page.lastSerial());
      } else {
        tree.add(page);
      }
    }
    if (unread) {
      carry.referenceUnread(sink, plans, planning.names());
    }
    int count = tree.finish();
    Map<String, String> props = properties(carry.cutoff(), missing);
    props.putAll(planning.curated());
    props.putAll(filters.properties(planning.names()));
    if (!quarantined.isEmpty()) {
      props.put(QUARANTINED_PROPERTY, String.join(" ", quarantined));
    }
    return new Result(count, props, missing);
  }

  /**
   * A shard's part of {@link #build}: plans the configured projects {@link
   * dev.tintype.sync.Share#owns} gives this process and fetches their files the pool lacks, {@code
   * batch} at a time, handing each batch's pool files to {@link dev.tintype.sync.Share#fetched}.
   * Writes no page.
   */
  public void fetchShare(MirrorContext ctx, int batch) throws IOException {
    PlanStart start = PlanStart.of(ctx, rootIndexMinProjects);
    Map<String, ProjectName> projects = start.projects();
    FilteredPages filters = start.filters();
    CarryPlan carry = start.carry();
    List<ProjectName> mine = new ArrayList<>();
    for (ProjectName n : projects.values()) {
      if (ctx.share().owns(n.normalized())) {
        mine.add(n);
      }
    }
    try (PageSpool spool = new PageSpool(ctx.scratch());
        PoolFiles pool = new PoolFiles(ctx)) {
      Map<ProjectName, Planned> planned =
          ParallelFetch.run(
              ctx,
              Phase.PAGES,
              mine,
              ProjectName::name,
              n -> filters.apply(carry.plan(n)).spool(spool));
      List<Planned> plans = new ArrayList<>();
      mine.forEach(n -> plans.add(planned.remove(n)));
      planned(ctx, plans);
      PlannedDownloads.share(ctx, pool, spool, plans, batch);
    }
  }

  /** Reports each project's serial, the upstream state it was planned from, to the share. */
  private static void planned(MirrorContext ctx, List<Planned> plans) throws IOException {
    for (Planned p : plans) {
      if (ctx.share().carried(p.name().normalized())) {
        continue;
      }
      ctx.share()
          .planned(
              "simple/" + p.name().normalized(),
              () -> p.missing() ? "missing" : Long.toString(p.serial()));
    }
  }

  static SortedMap<String, ProjectName> configured(MirrorContext ctx) throws BadUpstreamException {
    SortedMap<String, ProjectName> projects = new TreeMap<>();
    for (String p : ctx.repo().projects()) {
      ProjectName n;
      try {
        n = new ProjectName(p);
      } catch (IllegalArgumentException e) {
        throw new BadUpstreamException("project '" + p + "' in the config: " + e.getMessage(), e);
      }
      projects.putIfAbsent(n.normalized(), n);
    }
    return projects;
  }

  /**
   * Names (as configured) the projects upstream does not have, warning of each. Upstream's word is
   * final: a project deleted there is dropped from the new snapshot, and older snapshots keep it.
   * Where none of the projects exist on a first sync, the upstream is more likely wrong than every
   * project gone, so nothing is published (unless forced); later syncs have the shrink guard.
   */
  private static List<String> missing(
      MirrorContext ctx, UpstreamClient upstream, List<Planned> plans) throws IOException {
    List<String> out = new ArrayList<>();
    for (Planned p : plans) {
      if (p.missing()) {
        out.add(p.name().name());
        String was =
            p.previous().isPresent()
                ? "; dropped from this snapshot, as upstream deleted it since snapshot "
                    + ctx.previous().orElseThrow().date()
                : "; left out of this snapshot";
        ctx.warn(
            p.name().name()
                + ": upstream "
                + upstream.pageUrl(p.name())
                + " has no such project (404)"
                + was);
      }
    }
    if (!plans.isEmpty()
        && out.size() == plans.size()
        && ctx.previous().isEmpty()
        && !ctx.options().force()) {
      throw new BadUpstreamException(
          "upstream "
              + ctx.repo().upstreamBase()
              + " has none of the "
              + plans.size()
              + " configured projects ("
              + String.join(", ", out)
              + "); is the upstream URL right? Refusing to publish an empty snapshot; use --force"
              + " if this is intended.");
    }
    return List.copyOf(out);
  }

  /**
   * Names (normalized) the projects upstream marks quarantined, warning of each. A project carried
   * unread has an unchanged serial, so its status is the one the last snapshot listed.
   */
  private static List<String> quarantined(MirrorContext ctx, List<Planned> plans) {
    List<String> before =
        ctx.previous()
            .map(m -> m.properties().getOrDefault(QUARANTINED_PROPERTY, ""))
            .map(v -> List.of(v.split(" ")))
            .orElse(List.of());
    List<String> out = new ArrayList<>();
    for (Planned p : plans) {
      ProjectStatus status = p.status();
      boolean isQuarantined =
          status != null
              ? status.quarantined()
              : p.unread() && before.contains(p.name().normalized());
      if (!isQuarantined) {
        continue;
      }
      out.add(p.name().normalized());
      String reason = status == null ? null : status.reason();
      ctx.warn(
          p.name().name()
              + ": upstream marks the project quarantined"
              + (reason == null ? "" : " (" + reason + ")")
              + "; published with its status and none of its files");
    }
    return List.copyOf(out);
  }

  private static Map<String, String> properties(Instant cutoff, List<String> missing) {
    Map<String, String> props = new LinkedHashMap<>();
    if (cutoff != null) {
      props.put("backfilled", "true");
      props.put("backfill-cutoff", cutoff.toString());
      props.put("backfilled-on", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      props.put(
          "backfill-note",
          "files uploaded after the cutoff are left out; yanks and deletions after it cannot be"
              + " known");
    }
    if (!missing.isEmpty()) {
      props.put(MISSING_PROPERTY, String.join(" ", missing));
    }
    return props;
  }
}
