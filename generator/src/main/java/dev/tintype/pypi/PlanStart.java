package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.Map;

/**
 * What a sync, a shard's fetch and a dry run all plan from: upstream, the projects to mirror (the
 * configured ones, or every one upstream lists), the per-page filters and the carry plan against
 * the last snapshot.
 */
record PlanStart(
    UpstreamClient upstream,
    Map<String, ProjectName> projects,
    FilteredPages filters,
    CarryPlan carry) {

  static PlanStart of(MirrorContext ctx, int rootIndexMinProjects) throws IOException {
    UpstreamClient upstream = new UpstreamClient(ctx);
    Map<String, ProjectName> projects = FilteredPages.projects(ctx, upstream);
    return new PlanStart(
        upstream,
        projects,
        new FilteredPages(ctx, upstream),
        new CarryPlan(
            ctx,
            upstream,
            FilteredPages.planned(ctx, projects.size(), rootIndexMinProjects),
            rootIndexMinProjects));
  }
}
