package dev.tintype.pypi;

import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.FileSizes;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link PypiMirror} would do, planned the same way (serials, carried and unread projects,
 * purges, the pool) without downloading a file or writing anything. Counts distribution files; the
 * PEP 658 {@code .metadata} files that come with them are not counted.
 */
final class PypiEstimate {
  private PypiEstimate() {}

  static Estimate estimate(MirrorContext ctx, int rootIndexMinProjects) throws IOException {
    PlanStart start = PlanStart.of(ctx, rootIndexMinProjects);
    UpstreamClient upstream = start.upstream();
    Map<String, ProjectName> projects = start.projects();
    FilteredPages filters = start.filters();
    CarryPlan carry = start.carry();
    List<ProjectName> wanted = new ArrayList<>(projects.values());
    Map<ProjectName, Planned> planned = new java.util.HashMap<>();
    Estimate.Tally tally = new Estimate.Tally();
    if (CuratedPypi.active(ctx)) {
      CuratedPypi.Outcome o = CuratedPypi.plan(ctx, upstream);
      for (Planned p : o.plans()) {
        wanted.add(p.name());
        planned.put(p.name(), p);
      }
      o.closure()
          .dropped()
          .values()
          .forEach(files -> files.values().forEach(r -> tally.drop(r, 1)));
    } else {
      planned =
          ParallelFetch.run(
              ctx, Phase.PAGES, wanted, ProjectName::name, n -> filters.apply(carry.plan(n)));
      filters.droppedNow().values().forEach(r -> tally.drop(r, 1));
    }
    PoolFiles pool = new PoolFiles(ctx);
    Set<String> seen = new HashSet<>();
    List<URI> unsized = new ArrayList<>();
    for (ProjectName name : wanted) {
      Planned p = planned.get(name);
      if (p.missing()) {
        tally.drop("configured project missing upstream (404)", 1);
        continue;
      }
      tally.packages(1);
      Optional<ProjectPage> page =
          p.unread()
              ? CarryPlan.previousPage(ctx, name)
              : Optional.of(p.carried() != null ? p.carried() : p.upstream());
      if (page.isEmpty()) {
        continue;
      }
      ProjectPage kept = pool.withoutPurged(page.get());
      tally.drop("purged (tintype purge)", page.get().files().size() - kept.files().size());
      Set<String> fetch = new HashSet<>();
      if (p.upstream() != null) {
        for (PoolFiles.Wanted w : pool.missing(p.upstream())) {
          // A file the pool has, wanted for its provenance object only, is not downloaded.
          if (!w.stored()) {
            fetch.add(w.file().filename());
          }
        }
      }
      for (DistFile f : kept.files()) {
        if (!seen.add(PoolFiles.poolKey(f))) {
          continue;
        }
        long size = f.size() == null ? -1 : f.size();
        if (fetch.contains(f.filename()) && size < 0) {
          unsized.add(URI.create(f.url()));
        } else if (fetch.contains(f.filename())) {
          tally.fetch(size);
        } else {
          tally.carry(Math.max(size, 0));
        }
      }
    }
    pool.close();
    // Pages without PEP 700 sizes (HTML ones): asked of upstream.
    for (long size : FileSizes.of(ctx, unsized)) {
      tally.fetch(size);
    }
    return tally.estimate(ctx.repo().name().name());
  }
}
