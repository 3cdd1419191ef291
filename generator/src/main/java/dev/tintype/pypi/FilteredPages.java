package dev.tintype.pypi;

import dev.tintype.curate.PyClosure;
import dev.tintype.curate.PyFilter;
import dev.tintype.curate.PypiCuration;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The project list and filters of a PyPI repository with {@code projects:} (names, or {@code all}):
 * which projects to plan, and each page read from upstream through the filters. A project carried
 * from the last snapshot keeps that snapshot's selection and its recorded reasons; a page read anew
 * is filtered and its reasons replace the old. Reasons go in the manifest as the closure's do,
 * {@code curation.dropped.<file name>}.
 */
final class FilteredPages {
  static final String DROPPED = "curation.dropped.";
  static final String FILTERS = "curation.filters";

  private final MirrorContext ctx;
  private final PypiCuration curation;
  private final PyFilter filter;
  // requirements filter within their closure (CuratedPypi); these filters are for projects: alone.
  private final boolean on;
  private final PyFilter.MetadataSource metadata;
  private final Map<String, String> dropped = new ConcurrentSkipListMap<>();
  private final Set<String> reread = ConcurrentHashMap.newKeySet();

  FilteredPages(MirrorContext ctx, UpstreamClient upstream) {
    this.ctx = ctx;
    this.curation = ctx.repo().curation().pypi();
    this.filter = new PyFilter(curation);
    this.on = !curation.isActive() && filter.active();
    CuratedPypi.Upstream read = new CuratedPypi.Upstream(ctx, upstream, null);
    this.metadata =
        (page, f) -> {
          if (f.coreMetadata() != null || f.filename().endsWith(".whl")) {
            return read.metadata(page, f);
          }
          ctx.warn(
              page.name().name()
                  + ": "
                  + f.filename()
                  + " is an sdist without PEP 658 metadata upstream; its license is not checked"
                  + " (block-licenses)");
          return new PyClosure.Metadata(List.of(), null, null, List.of());
        };
  }

  /**
   * The projects to plan by normalized name: those configured, or for {@code projects: all} every
   * project upstream's root index lists.
   */
  static SortedMap<String, ProjectName> projects(MirrorContext ctx, UpstreamClient upstream)
      throws IOException {
    if (!ctx.repo().allProjects()) {
      return PypiMirror.configured(ctx);
    }
    RootIndex root = upstream.projects();
    if (root.names().isEmpty() && !ctx.options().force()) {
      throw new BadUpstreamException(
          "upstream "
              + ctx.repo().upstreamBase()
              + " lists no project (projects: all); is the upstream URL right? Refusing to"
              + " publish an empty snapshot; use --force if this is intended.");
    }
    return root.names();
  }

  /**
   * The count {@link CarryPlan} weighs against reading upstream's project list: with {@code
   * projects: all} the list is read anyway, so its serials always serve.
   */
  static int planned(MirrorContext ctx, int projects, int rootIndexMinProjects) {
    return ctx.repo().allProjects() ? Math.max(projects, rootIndexMinProjects) : projects;
  }

  /** The plan with its upstream page through the filters; other plans as they are. */
  Planned apply(Planned p) throws IOException {
    if (!on || (p.upstream() == null && !p.missing())) {
      return p;
    }
    reread.add(p.name().normalized());
    if (p.missing()) {
      return p;
    }
    PyFilter.Filtered f = filter.apply(p.upstream(), metadata);
    dropped.putAll(f.dropped());
    return Planned.fetched(f.kept(), p.previous());
  }

  /** The reasons of the files dropped by pages read this run, as they are found. */
  Map<String, String> droppedNow() {
    return dropped;
  }

  /**
   * What the manifest records: each dropped file's reason, those of the projects read this run and
   * those the last snapshot recorded for projects still listed and not read again, and the filters.
   */
  Map<String, String> properties(Set<String> listed) {
    Map<String, String> out = new TreeMap<>();
    if (!on) {
      return out;
    }
    ctx.previous()
        .ifPresent(
            m -> {
              String before = m.properties().get(FILTERS);
              if (before != null && !before.equals(curation.describeFilters())) {
                ctx.warn(
                    "the filters changed since snapshot "
                        + m.date()
                        + "; projects unchanged upstream keep that snapshot's selection until"
                        + " they change");
              }
              m.properties()
                  .forEach(
                      (k, v) -> {
                        if (k.startsWith(DROPPED)) {
                          String owner = owner(k.substring(DROPPED.length()), listed);
                          if (owner != null && !reread.contains(owner)) {
                            out.put(k, v);
                          }
                        }
                      });
            });
    dropped.forEach((file, why) -> out.put(DROPPED + file, why));
    out.put(FILTERS, curation.describeFilters());
    return out;
  }

  /**
   * The listed project a file name belongs to: the longest name before a '-' that is listed
   * (normalized, so {@code foo_bar-1.0-py3-none-any.whl} is {@code foo-bar}'s); null if none is.
   */
  private static String owner(String filename, Set<String> listed) {
    for (int i = filename.lastIndexOf('-'); i > 0; i = filename.lastIndexOf('-', i - 1)) {
      String candidate = ProjectName.normalize(filename.substring(0, i));
      if (listed.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
