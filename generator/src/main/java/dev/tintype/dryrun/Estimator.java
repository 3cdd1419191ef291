package dev.tintype.dryrun;

import dev.tintype.sync.MirrorContext;
import java.io.IOException;

/**
 * A mirror that can say what its sync would do: it reads upstream indexes and the earlier snapshot,
 * and neither downloads package files nor writes to storage.
 */
public interface Estimator {
  Estimate estimate(MirrorContext ctx) throws IOException;
}
