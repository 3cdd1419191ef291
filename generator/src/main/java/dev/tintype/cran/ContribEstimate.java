package dev.tintype.cran;

import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.FileSizes;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ContribSync} would do for some contrib dirs, worked out the same way (same index
 * reading, purge and curation filters, same rule for what the pool already holds) without
 * downloading a package or writing anything. The index lists no sizes: those of the files to fetch
 * are asked with HEAD requests.
 */
public final class ContribEstimate {
  private ContribEstimate() {}

  /**
   * @param locations the contrib dirs whose records are the snapshot's packages
   * @param binaries binary contrib dirs, whose files count but whose records are not packages (the
   *     manifest counts source packages)
   */
  public static Estimate estimate(
      MirrorContext ctx,
      List<ContribLocation> locations,
      List<ContribLocation> binaries,
      ContribSync.IfMissing ifMissing)
      throws IOException {
    ContribSync sync = new ContribSync(ctx, null);
    KnownFiles known = KnownFiles.of(ctx.previous());
    PreviousBuilds builds = new PreviousBuilds(ctx);
    Estimate.Tally tally = new Estimate.Tally();
    Set<String> carried = new HashSet<>();
    Set<String> fetched = new HashSet<>();
    List<URI> fetch = new ArrayList<>();
    List<ContribLocation> all = new ArrayList<>(locations);
    all.addAll(binaries);
    for (ContribLocation loc : all) {
      boolean binary = !locations.contains(loc);
      Optional<List<CranEntry>> listed = sync.curated.readIndex(loc);
      if (listed.isEmpty() && (binary || ifMissing == ContribSync.IfMissing.REFUSE)) {
        throw new BadUpstreamException(
            loc.root() + " has no index in " + loc.dir() + ": is it a CRAN-like repository?");
      }
      List<CranEntry> entries = listed.orElse(List.of());
      List<CranEntry> unpurged = sync.withoutPurged(loc, entries);
      tally.drop("purged (tintype purge)", entries.size() - unpurged.size());
      List<CranEntry> kept = sync.curated.filter(loc, unpurged);
      if (!binary) {
        tally.packages(kept.size());
      }
      Map<String, FileEntry> built = binary ? builds.of(loc) : Map.of();
      for (CranEntry e : kept) {
        FileEntry k = inPool(ctx, e, known, built);
        if (k != null) {
          if (carried.add(k.path())) {
            tally.carry(k.size());
          }
        } else if (e.md5() == null || fetched.add(KnownFiles.key(e.fileName(), e.md5()))) {
          fetch.add(loc.file(e.upstreamRelative()));
        }
      }
    }
    for (long size : FileSizes.of(ctx, fetch)) {
      tally.fetch(size);
    }
    sync.curated.reasons().forEach(tally::drop);
    return tally.estimate(ctx.repo().name().name());
  }

  /**
   * The pool file that spares {@code e} a download, as {@link ContribSync} finds it: by name and
   * MD5, or a binary without MD5 by name and {@code Built} line; null when there is none.
   */
  private static FileEntry inPool(
      MirrorContext ctx, CranEntry e, KnownFiles known, Map<String, FileEntry> built)
      throws IOException {
    FileEntry k;
    if (e.md5() != null) {
      k = known.get(e.fileName(), e.md5());
    } else {
      k =
          e.record()
              .get("Built")
              .map(b -> built.get(PreviousBuilds.key(e.fileName(), b)))
              .orElse(null);
    }
    return k != null && ctx.pool().has(k) ? k : null;
  }
}
