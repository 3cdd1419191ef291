package dev.tintype.cran;

import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;

/** Mirrors a CRAN-like repository's source packages ({@code src/contrib}). */
public final class CranMirror implements Mirror {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    ContribSync contrib = new ContribSync(ctx, sink);
    int packages =
        contrib.mirror(ContribLocation.cran(ctx.repo()), ContribSync.IfMissing.REFUSE).packages();
    return new Result(packages, contrib.curationProperties());
  }
}
