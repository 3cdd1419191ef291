package dev.tintype.cran;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.curate.Curation;
import dev.tintype.curate.RClosure;
import dev.tintype.curate.RPackage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A repository's {@link Curation} applied to its contrib dirs: the closure is taken over the
 * upstream indexes of this sync, CRAN's one dir or every area of a Bioconductor release together (a
 * Bioconductor package may need an annotation package). It reads each index once and hands it on to
 * the sync. What it leaves out and why goes to the manifest's properties and the listener.
 */
final class CuratedContrib {
  static final String BLOCKED = "blocked (block:)";
  static final String NOT_NEEDED = "not approved and not needed (packages:)";
  private final MirrorContext ctx;
  private final Curation curation;
  private final Map<String, Optional<List<CranEntry>>> read = new HashMap<>();
  private final Map<String, RClosure.Result> closures = new HashMap<>();
  private final Map<String, String> properties = new TreeMap<>();
  private final Map<String, Long> reasons = new TreeMap<>();

  CuratedContrib(MirrorContext ctx) {
    this.ctx = ctx;
    this.curation = ctx.repo().curation();
  }

  /** Upstream's index of {@code loc}, as {@link ContribIndex#read} reads it, read once. */
  Optional<List<CranEntry>> readIndex(ContribLocation loc) throws IOException {
    Optional<List<CranEntry>> r = read.remove(loc.dir());
    return r != null ? r : ContribIndex.read(ctx, loc);
  }

  /** The entries of {@code loc} the curation keeps; all of them without curation. */
  List<CranEntry> filter(ContribLocation loc, List<CranEntry> entries) throws IOException {
    if (!curation.isActive()) {
      return entries;
    }
    if (loc.kind() != PackageKind.SOURCE) {
      return binariesOf(loc, entries);
    }
    List<ContribLocation> group = group(loc);
    String key = group.get(0).dir();
    RClosure.Result closure = closures.get(key);
    if (closure == null) {
      closure = close(group, loc, entries);
      closures.put(key, closure);
    }
    return kept(loc, entries, closure, (e, c) -> c.keeps(e.name(), e.version()));
  }

  /**
   * A binary dir keeps the binaries of the packages the source closure kept, whatever their
   * version: binaries lag behind sources, and a package not built for a platform is no error.
   */
  private List<CranEntry> binariesOf(ContribLocation loc, List<CranEntry> entries)
      throws IOException {
    ContribLocation source = ContribLocation.cran(ctx.repo());
    RClosure.Result closure = closures.get(source.dir());
    if (closure == null) {
      Optional<List<CranEntry>> index = ContribIndex.read(ctx, source);
      closure = close(List.of(source), source, index.orElse(List.of()));
      closures.put(source.dir(), closure);
    }
    Set<String> names = new HashSet<>();
    for (String kept : closure.kept()) {
      names.add(kept.substring(0, kept.indexOf(' ')));
    }
    return kept(loc, entries, closure, (e, c) -> names.contains(e.name()));
  }

  private List<CranEntry> kept(
      ContribLocation loc,
      List<CranEntry> entries,
      RClosure.Result closure,
      java.util.function.BiPredicate<CranEntry, RClosure.Result> keeps) {
    List<CranEntry> kept = new ArrayList<>();
    int dropped = 0;
    for (CranEntry e : entries) {
      if (keeps.test(e, closure)) {
        kept.add(e);
      } else {
        dropped++;
        boolean blocked = closure.blocked().containsKey(e.name() + " " + e.version());
        reasons.merge(blocked ? BLOCKED : NOT_NEEDED, 1L, Long::sum);
      }
    }
    ctx.info(
        loc.prefix()
            + kept.size()
            + " packages kept by the curation, "
            + dropped
            + " left out (not approved, not needed, or blocked)");
    properties.merge("curation.left-out", String.valueOf(dropped), CuratedContrib::sum);
    return kept;
  }

  /** The records left out so far, by reason ({@link #BLOCKED}, {@link #NOT_NEEDED}). */
  Map<String, Long> reasons() {
    return Map.copyOf(reasons);
  }

  /** What the manifest records of the curation: blocked packages and why, counts. */
  Map<String, String> properties() {
    return Map.copyOf(properties);
  }

  private RClosure.Result close(
      List<ContribLocation> group, ContribLocation current, List<CranEntry> entries)
      throws IOException {
    List<RPackage> index = new ArrayList<>();
    for (ContribLocation l : group) {
      List<CranEntry> es;
      if (l.dir().equals(current.dir())) {
        es = entries;
      } else {
        Optional<List<CranEntry>> r = read.get(l.dir());
        if (r == null) {
          r = ContribIndex.read(ctx, l);
          read.put(l.dir(), r);
        }
        es = r.orElse(List.of());
      }
      for (CranEntry e : es) {
        Map<String, String> f = e.record().fields();
        index.add(
            RPackage.of(
                e.name(),
                e.version(),
                f.get("Depends"),
                f.get("Imports"),
                f.get("LinkingTo"),
                f.get("Suggests")));
      }
    }
    RClosure.Result r = RClosure.close(index, curation);
    boolean bioc = ctx.repo().type() == RepoType.BIOCONDUCTOR;
    String release = bioc ? group.get(0).dir().split("/")[1] : "";
    String where = bioc ? release + ": " : "";
    if (!r.missing().isEmpty()) {
      List<String> names = new ArrayList<>();
      r.missing().forEach((name, by) -> names.add(name + " (needed by " + join(by) + ")"));
      if (!bioc) {
        throw new BadUpstreamException(
            current.root()
                + ": curation: not in the upstream index: "
                + String.join(", ", names)
                + "; fix packages: or block: in the config");
      }
      // Bioconductor packages need CRAN packages, which the release does not hold.
      ctx.info(
          where
              + "needed but not in this Bioconductor release (expected from CRAN): "
              + String.join(", ", names));
      r.missing()
          .forEach(
              (name, by) ->
                  properties.put(
                      "curation.external." + name,
                      "needed by " + join(by) + "; not in Bioconductor " + release));
    }
    for (RClosure.Blocked b : r.blocked().values()) {
      String needed = b.neededBy().isEmpty() ? "nothing kept needs it" : join(b.neededBy());
      ctx.warn(
          where
              + "blocked "
              + b.name()
              + " "
              + b.version()
              + " (rule '"
              + b.rule()
              + "'), needed by: "
              + needed);
      properties.put(
          "curation.blocked." + b.name() + " " + b.version(),
          where + "block rule '" + b.rule() + "'; needed by " + needed);
    }
    r.warnings().forEach(w -> ctx.warn(where + w));
    return r;
  }

  /** The contrib dirs whose indexes one closure covers: a Bioconductor release's areas. */
  private List<ContribLocation> group(ContribLocation loc) {
    RepoConfig repo = ctx.repo();
    if (repo.type() == RepoType.BIOCONDUCTOR) {
      for (String v : repo.versions()) {
        List<ContribLocation> areas = new ArrayList<>();
        boolean mine = false;
        for (String a : repo.areas()) {
          ContribLocation area = ContribLocation.bioc(repo, v, a);
          areas.add(area);
          mine |= area.dir().equals(loc.dir());
        }
        if (mine) {
          return areas;
        }
      }
    }
    return List.of(loc);
  }

  private static String join(SortedSet<String> names) {
    return String.join(", ", names);
  }

  private static String sum(String a, String b) {
    return String.valueOf(Long.parseLong(a) + Long.parseLong(b));
  }
}
