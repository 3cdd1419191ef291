package dev.tintype.bioc;

import dev.tintype.config.RepoConfig;
import dev.tintype.cran.ContribEstimate;
import dev.tintype.cran.ContribLocation;
import dev.tintype.cran.ContribSync;
import dev.tintype.dryrun.Estimate;
import dev.tintype.dryrun.Estimator;
import dev.tintype.format.layout.Layout;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Mirrors Bioconductor releases: for each configured release and area, the source packages of
 * {@code packages/<release>/<area>/src/contrib/} as CRAN's are mirrored, and the root {@code
 * config.yaml} that BiocManager reads. BiocManager asks every area of its release for an index, so
 * an area upstream lacks gets a valid empty one. Bioconductor has no {@code Archive/}.
 *
 * <p>The manifest's package count is the sum of the records of every area's index: a package in two
 * releases counts twice, as it is two index entries a client can install (and the shrink check then
 * also notices a release or area that went empty upstream).
 */
public final class BiocMirror implements Mirror, Estimator {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    RepoConfig repo = ctx.repo();
    // First, so that a bad file refuses the snapshot before anything is downloaded.
    BiocConfigYaml config = BiocConfigYaml.fetch(ctx);
    List<String> unmapped = config.unmapped(repo.versions());
    if (!unmapped.isEmpty()) {
      ctx.warn(
          repo.upstreamBase()
              + "/"
              + Layout.BIOC_CONFIG
              + " maps no R version to "
              + String.join(", ", unmapped)
              + ": BiocManager will not choose these releases by itself");
    }
    ContribSync contrib = new ContribSync(ctx, sink);
    int packages = 0;
    for (String version : repo.versions()) {
      boolean any = false;
      for (String area : repo.areas()) {
        ContribSync.Mirrored m =
            contrib.mirror(ContribLocation.bioc(repo, version, area), ContribSync.IfMissing.EMPTY);
        packages += m.packages();
        any |= m.listedUpstream();
      }
      if (!any) {
        throw new BadUpstreamException(
            repo.upstreamBase()
                + "/packages/"
                + version
                + "/ has no index in any of "
                + repo.areas()
                + ": is "
                + version
                + " a Bioconductor release?");
      }
    }
    config.publish(ctx, sink);
    Map<String, String> properties = new java.util.TreeMap<>(contrib.curationProperties());
    properties.put("bioconductor.versions", String.join(" ", repo.versions()));
    properties.put("bioconductor.areas", String.join(" ", repo.areas()));
    return new Result(packages, properties);
  }

  /**
   * A shard's part of {@link #build}: checks config.yaml as it does, and fetches into the pool the
   * shard's share of every configured release and area, {@code batch} files at a time. Writes
   * nothing into a snapshot.
   */
  public static void fetchShare(MirrorContext ctx, int batch) throws IOException {
    BiocConfigYaml.fetch(ctx);
    ContribSync contrib = new ContribSync(ctx, null);
    for (ContribLocation loc : locations(ctx.repo())) {
      contrib.fetchShare(loc, batch);
    }
  }

  @Override
  public Estimate estimate(MirrorContext ctx) throws IOException {
    return ContribEstimate.estimate(
        ctx, locations(ctx.repo()), List.of(), ContribSync.IfMissing.EMPTY);
  }

  private static List<ContribLocation> locations(RepoConfig repo) {
    List<ContribLocation> locations = new java.util.ArrayList<>();
    for (String version : repo.versions()) {
      for (String area : repo.areas()) {
        locations.add(ContribLocation.bioc(repo, version, area));
      }
    }
    return locations;
  }
}
