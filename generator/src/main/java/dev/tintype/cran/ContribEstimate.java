package dev.tintype.cran;

import dev.tintype.dryrun.Estimate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ContribSync} would do for some contrib dirs, worked out the same way (same index
 * reading, purge and curation filters, same rule for what the pool already holds) without
 * downloading a package or writing anything.
 */
public final class ContribEstimate {
  private ContribEstimate() {}

  public static Estimate estimate(
      MirrorContext ctx, List<ContribLocation> locations, ContribSync.IfMissing ifMissing)
      throws IOException {
    ContribSync sync = new ContribSync(ctx, null);
    ContribSync.Known known = ContribSync.knownFiles(ctx.previous());
    Estimate.Tally tally = new Estimate.Tally();
    Set<String> carried = new HashSet<>();
    Set<String> fetched = new HashSet<>();
    for (ContribLocation loc : locations) {
      Optional<List<CranEntry>> listed = sync.curated.readIndex(loc);
      if (listed.isEmpty() && ifMissing == ContribSync.IfMissing.REFUSE) {
        throw new BadUpstreamException(
            loc.root() + " has no index in " + loc.dir() + ": is it a CRAN-like repository?");
      }
      List<CranEntry> entries = listed.orElse(List.of());
      List<CranEntry> unpurged = sync.withoutPurged(loc, entries);
      tally.drop("purged (tintype purge)", entries.size() - unpurged.size());
      List<CranEntry> kept = sync.curated.filter(loc, unpurged);
      tally.packages(kept.size());
      for (CranEntry e : kept) {
        FileEntry k = e.md5() == null ? null : known.get(ContribSync.key(e.fileName(), e.md5()));
        if (k != null && ctx.pool().has(k)) {
          if (carried.add(k.path())) {
            tally.carry(k.size());
          }
        } else if (e.md5() == null || fetched.add(ContribSync.key(e.fileName(), e.md5()))) {
          tally.fetch(-1);
        }
      }
    }
    sync.curated.reasons().forEach(tally::drop);
    return tally.estimate(ctx.repo().name().name());
  }
}
