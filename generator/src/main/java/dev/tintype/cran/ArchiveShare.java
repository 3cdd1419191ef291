package dev.tintype.cran;

import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A shard's part of a CRAN repository's Archive ({@link CranArchive}). */
final class ArchiveShare {
  private ArchiveShare() {}

  /**
   * Reads the Meta files as {@link CranArchive#fetch} does and downloads the archived files of the
   * packages {@link dev.tintype.sync.Share#owns} gives this shard that no earlier snapshot holds,
   * {@code batch} at a time, handing them to {@link dev.tintype.sync.Share#fetched}. Nothing to do
   * where upstream's archive.rds is unchanged: the publish carries the previous Archive whole.
   */
  static void fetch(MirrorContext ctx, ContribLocation loc, int batch) throws IOException {
    CranArchive archive = new CranArchive(ctx, null);
    CranArchive.Upstream up = archive.fetch(loc, false);
    if (up.parsed() == null) {
      return;
    }
    dev.tintype.sync.PreviousSnapshot.PoolIndex known = archive.knownFiles();
    List<ArchivedFile> mine = new ArrayList<>();
    for (Map.Entry<String, List<ArchivedFile>> e : archive.withPrevious(up.parsed()).entrySet()) {
      if (ctx.share().owns(e.getKey())) {
        e.getValue().stream().filter(a -> known.get(a.fileName()) == null).forEach(mine::add);
      }
    }
    for (int from = 0; from < mine.size(); from += batch) {
      List<ArchivedFile> part = mine.subList(from, Math.min(mine.size(), from + batch));
      ctx.share().fetched(new ArrayList<>(archive.store(part).values()));
    }
  }
}
