package dev.tintype.cran;

import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.Estimator;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;

/** Mirrors a CRAN-like repository's source packages ({@code src/contrib}). */
public final class CranMirror implements Mirror, Estimator {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    ContribSync contrib = new ContribSync(ctx, sink);
    int packages =
        contrib.mirror(ContribLocation.cran(ctx.repo()), ContribSync.IfMissing.REFUSE).packages();
    CranBinaries.mirror(ctx, contrib);
    return new Result(packages, contrib.curationProperties());
  }

  @Override
  public Estimate estimate(MirrorContext ctx) throws IOException {
    return ContribEstimate.estimate(
        ctx, java.util.List.of(ContribLocation.cran(ctx.repo())), ContribSync.IfMissing.REFUSE);
  }
}
