package dev.tintype.cran;

import dev.tintype.config.Binaries;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.Layout;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CRAN repository's configured binary contrib dirs, {@code bin/windows/contrib/<x.y>} and {@code
 * bin/macosx/<flavor>/contrib/<x.y>}, mirrored like {@code src/contrib}: files into the pool by
 * sha256 (so each date keeps the builds it saw, whatever upstream replaces them with later),
 * indexes of the snapshot's own. A configured dir upstream lacks refuses the snapshot.
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
      records += sync.mirror(loc, ContribSync.IfMissing.REFUSE).packages();
    }
    return records;
  }

  private static ContribLocation at(RepoConfig repo, String dir, PackageKind kind) {
    return new ContribLocation(repo.upstreamBase() + "/" + dir, dir, kind);
  }
}
