package dev.tintype.cran;

import dev.tintype.config.Binaries;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.layout.Layout;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.UpstreamShrankException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CRAN repository's configured binary contrib dirs, {@code bin/windows/contrib/<x.y>} and {@code
 * bin/macosx/<flavor>/contrib/<x.y>}, mirrored like {@code src/contrib}: files into the pool by
 * sha256 (so each date keeps the builds it saw, whatever upstream replaces them with later),
 * indexes of the snapshot's own. A configured dir upstream lacks refuses the snapshot, and so does
 * one that lists less than half the binaries it had in the earlier snapshot (unless forced).
 */
final class CranBinaries {
  private CranBinaries() {}

  /** The binary contrib dirs {@code repo} configures, Windows first, each with its upstream. */
  static List<ContribLocation> locations(RepoConfig repo) {
    Binaries b = repo.binaries();
    List<ContribLocation> out = new ArrayList<>();
    for (String v : b.windows()) {
      out.add(at(repo, Layout.windowsContrib(v), PackageKind.WINDOWS));
    }
    for (Map.Entry<String, List<String>> m : b.macos().entrySet()) {
      String flavor = m.getKey().equals(Binaries.MACOS_NO_FLAVOR) ? null : m.getKey();
      for (String v : m.getValue()) {
        out.add(at(repo, Layout.macosContrib(flavor, v), PackageKind.MACOS));
      }
    }
    return out;
  }

  /**
   * Mirrors every configured binary dir into the snapshot {@code sync} builds; none when
   * backfilling, since upstream keeps no old builds to rebuild a past day from.
   *
   * @return the number of binary records published
   */
  static int mirror(MirrorContext ctx, ContribSync sync) throws IOException {
    List<ContribLocation> dirs = locations(ctx.repo());
    if (dirs.isEmpty()) {
      return 0;
    }
    if (ctx.options().backfill()) {
      ctx.warn(
          "binaries cannot be backfilled (upstream keeps only its current builds): "
              + dirs.size()
              + " configured binary dirs left out of this snapshot");
      return 0;
    }
    int records = 0;
    for (ContribLocation loc : dirs) {
      int before = earlierRecords(ctx, loc.dir());
      int now = sync.mirror(loc, ContribSync.IfMissing.REFUSE).packages();
      if ((long) now * 2 < before && !ctx.options().force()) {
        throw new UpstreamShrankException(
            loc.upstream()
                + " lists "
                + now
                + " binaries, but snapshot "
                + ctx.previous().orElseThrow().date()
                + " has "
                + before
                + " in "
                + loc.dir()
                + "; refusing to publish (an upstream fault?). Use --force if this is intended.");
      }
      records += now;
    }
    return records;
  }

  /**
   * How many records the earlier snapshot's index of {@code dir} has; 0 when it has none (the dir
   * is newly configured, or that snapshot was backfilled).
   */
  private static int earlierRecords(MirrorContext ctx, String dir) throws IOException {
    if (ctx.previous().isEmpty()) {
      return 0;
    }
    PreviousSnapshot m = ctx.previous().get();
    String index = Layout.contribIndex(dir, Layout.R_INDEXES.get(0));
    if (m.file(index) == null) {
      return 0;
    }
    int[] n = {0};
    try (InputStream in = ctx.storage().open(m.key(index))) {
      Dcf.forEach(in, index, r -> n[0]++);
    }
    return n[0];
  }

  private static ContribLocation at(RepoConfig repo, String dir, PackageKind kind) {
    return new ContribLocation(repo.upstreamBase() + "/" + dir, dir, kind);
  }
}
