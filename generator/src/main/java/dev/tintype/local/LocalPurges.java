package dev.tintype.local;

import dev.tintype.format.layout.Sha256;
import dev.tintype.purge.Purges;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps purged files out of a local repository's snapshots. A purged file may still sit in the
 * directory (purge deletes from the pool, never from a user's directory); publishing it again would
 * undo the purge, so it is left out with a warning until someone removes it there.
 */
final class LocalPurges {
  private LocalPurges() {}

  static <T> List<T> without(
      MirrorContext ctx, List<T> files, Function<T, Sha256> sha256, Function<T, Path> path)
      throws IOException {
    Set<String> purged = Purges.read(ctx.storage()).sha256s();
    if (purged.isEmpty()) {
      return files;
    }
    List<T> kept = new ArrayList<>(files.size());
    for (T f : files) {
      if (purged.contains(sha256.apply(f).hex())) {
        ctx.warn(
            path.apply(f)
                + " (sha256 "
                + sha256.apply(f).hex()
                + ") was purged (see .tintype/purges.json); left out of the snapshot. Remove it"
                + " from the directory.");
      } else {
        kept.add(f);
      }
    }
    return kept;
  }
}
