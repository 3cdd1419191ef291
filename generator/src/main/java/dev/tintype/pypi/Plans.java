package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import java.io.IOException;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sync's planning leaves for its downloads and pages: a plan per project in name order
 * (pages in the spool), the projects' names, and what carries on from {@link PlanStart}. The
 * start's map of projects by name is let go once planning is done: for 100,000 projects it and
 * upstream's kept project list cost more than the plans.
 */
record Plans(
    UpstreamClient upstream,
    FilteredPages filters,
    CarryPlan carry,
    List<Planned> list,
    Set<String> names,
    Map<String, String> curated) {

  // A carried project the previous snapshot does not have (ParallelFetch holds no nulls).
  private static final Planned NOT_CARRIED = Planned.unread(new ProjectName("not-carried"), -1);

  static Plans make(MirrorContext ctx, int rootIndexMinProjects, PageSpool spool)
      throws IOException {
    PlanStart start = PlanStart.of(ctx, rootIndexMinProjects);
    UpstreamClient upstream = start.upstream();
    Map<String, ProjectName> projects = start.projects();
    FilteredPages filters = start.filters();
    CarryPlan carry = start.carry();
    List<Planned> plans = new ArrayList<>();
    Map<String, String> curated = Map.of();
    if (CuratedPypi.active(ctx)) {
      // The closure read every page it keeps; nothing is carried unread.
      CuratedPypi.Outcome o = CuratedPypi.plan(ctx, upstream);
      for (Planned p : o.plans()) {
        plans.add(p.spool(spool));
        projects.put(p.name().normalized(), p.name());
      }
      curated = o.properties();
    } else {
      List<ProjectName> wanted = new ArrayList<>(projects.values());
      // Pages wait in the spool from planning to writing, so that the downloads in between do not
      // share the heap with all of them. Plans go to their place in an array: a map of them by
      // name cost more than the plans.
      Planned[] planned = new Planned[wanted.size()];
      int[] next = {0};
      ParallelFetch.each(
          ctx,
          Phase.PAGES,
          () -> next[0] < wanted.size() ? next[0]++ : null,
          wanted.size(),
          i -> wanted.get(i).name(),
          i -> {
            ProjectName n = wanted.get(i);
            planned[i] =
                ctx.share().carried(n.normalized())
                    ? forward(ctx, carry, n).spool(spool)
                    : filters.apply(carry.plan(n)).spool(spool);
            return Boolean.TRUE;
          });
      for (int i = 0; i < planned.length; i++) {
        if (planned[i] != NOT_CARRIED) {
          plans.add(planned[i]);
        }
        planned[i] = null;
      }
    }
    carry.planned();
    upstream.planned();
    return new Plans(upstream, filters, carry, plans, new SortedNames(projects.keySet()), curated);
  }

  private static Planned forward(MirrorContext ctx, CarryPlan carry, ProjectName name)
      throws IOException {
    Planned p = carry.forward(name);
    if (p == null) {
      ctx.warn(
          name.name()
              + ": its shard did not finish and the previous snapshot does not have it; left out");
      return NOT_CARRIED;
    }
    return p;
  }

  /** Sorted names in an array: a tree set of them cost 40 bytes a name more. */
  static final class SortedNames extends AbstractSet<String> {
    private final String[] names;

    SortedNames(Set<String> names) {
      this.names = names.toArray(new String[0]);
      Arrays.sort(this.names);
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof String s && Arrays.binarySearch(names, s) >= 0;
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.asList(names).iterator();
    }

    @Override
    public int size() {
      return names.length;
    }
  }
}
