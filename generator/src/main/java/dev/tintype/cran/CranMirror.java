package dev.tintype.cran;

import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.Estimator;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mirrors a CRAN-like repository's source packages ({@code src/contrib}), and with {@code archive:
 * true} its Archive and Meta files; with {@code --backfill}, as they stood on a past day.
 */
public final class CranMirror implements Mirror, Estimator {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    ContribLocation loc = ContribLocation.cran(ctx.repo());
    if (ctx.options().backfill()) {
      return backfill(ctx, sink, loc);
    }
    // The archive's index first: a bad one refuses the snapshot before anything is downloaded.
    CranArchive archive = ctx.repo().archive() ? new CranArchive(ctx, sink) : null;
    CranArchive.Upstream up = archive == null ? null : archive.fetch(loc, false);
    ContribSync contrib = new ContribSync(ctx, sink);
    ContribSync.Mirrored m = contrib.mirror(loc, ContribSync.IfMissing.REFUSE);
    CranBinaries.mirror(ctx, contrib);
    Map<String, String> props = new LinkedHashMap<>(contrib.curationProperties());
    if (archive != null) {
      props.putAll(archive.publish(up, m.files()));
    }
    return new Result(m.packages(), props);
  }

  /**
   * A shard's part of {@link #build}: its share of the source packages, of the configured binary
   * dirs and, with {@code archive: true}, of the Archive, fetched into the pool {@code batch} files
   * at a time. Writes nothing into a snapshot.
   */
  public static void fetchShare(MirrorContext ctx, int batch) throws IOException {
    ContribLocation loc = ContribLocation.cran(ctx.repo());
    ContribSync contrib = new ContribSync(ctx, null);
    contrib.fetchShare(loc, batch);
    for (ContribLocation bin : CranBinaries.locations(ctx.repo())) {
      contrib.fetchShare(bin, batch);
    }
    if (ctx.repo().archive()) {
      ArchiveShare.fetch(ctx, loc, batch);
    }
  }

  @Override
  public Estimate estimate(MirrorContext ctx) throws IOException {
    return ContribEstimate.estimate(
        ctx,
        List.of(ContribLocation.cran(ctx.repo())),
        ctx.options().backfill() ? List.of() : CranBinaries.locations(ctx.repo()),
        ContribSync.IfMissing.REFUSE);
  }

  private static Result backfill(MirrorContext ctx, SnapshotSink sink, ContribLocation loc)
      throws IOException {
    if (!ctx.repo().archive()) {
      throw new IllegalArgumentException(
          ctx.repo().name() + ": --backfill of a CRAN repository needs archive: true");
    }
    CranBackfill backfill = new CranBackfill(ctx);
    CranArchive archive = new CranArchive(ctx, sink);
    CranArchive.Upstream up = archive.fetch(loc, true);
    List<CranEntry> listed =
        ContribIndex.read(ctx, loc)
            .orElseThrow(
                () -> new BadUpstreamException(loc.root() + " has no " + loc.dir() + "/PACKAGES"));
    CranBackfill.Plan plan = backfill.plan(listed, up);
    Map<ArchivedFile, FileEntry> promoted = archive.store(plan.promoted());
    ContribSync contrib = new ContribSync(ctx, sink);
    List<CranEntry> entries = new ArrayList<>(plan.current());
    for (ArchivedFile a : plan.promoted()) {
      FileEntry f = promoted.get(a);
      CranEntry e = backfill.entryOf(a, f, entries.size());
      contrib.remember(e.fileName(), f);
      entries.add(e);
    }
    CranBackfill.sort(entries);
    ContribSync.Mirrored m = contrib.mirror(loc, entries, true);
    CranBinaries.mirror(ctx, contrib);
    CranArchive.Upstream asOfCutoff =
        new CranArchive.Upstream(
            up.archive(), up.parsed(), CranBackfill.currentRows(up.current(), plan.promoted()));
    Map<String, String> props =
        new LinkedHashMap<>(archive.publish(asOfCutoff, plan.archived(), m.files()));
    // A later nightly must not take this subset for upstream's whole unchanged archive.
    props.remove(CranArchive.UPSTREAM_SHA256);
    props.putAll(backfill.properties());
    return new Result(m.packages(), props);
  }
}
