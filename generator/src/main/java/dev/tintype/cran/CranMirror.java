package dev.tintype.cran;

import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.util.Map;

/**
 * Mirrors a CRAN-like repository's source packages ({@code src/contrib}), and with {@code archive:
 * true} its Archive and Meta files.
 */
public final class CranMirror implements Mirror {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    ContribLocation loc = ContribLocation.cran(ctx.repo());
    // The archive's index first: a bad one refuses the snapshot before anything is downloaded.
    CranArchive archive = ctx.repo().archive() ? new CranArchive(ctx, sink) : null;
    CranArchive.Upstream up = archive == null ? null : archive.fetch(loc, false);
    ContribSync.Mirrored m = new ContribSync(ctx, sink).mirror(loc, ContribSync.IfMissing.REFUSE);
    Map<String, String> props = archive == null ? Map.of() : archive.publish(up, m.files());
    return new Result(m.packages(), props);
  }
}
