package dev.tintype.cran;

import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.Layout;
import java.net.URI;
import java.util.Objects;

/**
 * One CRAN-like contrib dir: where upstream serves it, and where it goes inside a snapshot. CRAN
 * has one ({@code src/contrib}); a Bioconductor snapshot has one per release and area.
 *
 * @param upstream the URL of the upstream contrib dir, without a trailing slash
 * @param dir the contrib dir relative to the snapshot, as {@link Layout} builds it
 * @param kind the files it holds
 */
public record ContribLocation(String upstream, String dir, PackageKind kind) {
  public ContribLocation {
    Objects.requireNonNull(upstream, "upstream");
    while (upstream.endsWith("/")) {
      upstream = upstream.substring(0, upstream.length() - 1);
    }
    Layout.requireRelative(dir);
    Objects.requireNonNull(kind, "kind");
  }

  /** A contrib dir of source packages. */
  public ContribLocation(String upstream, String dir) {
    this(upstream, dir, PackageKind.SOURCE);
  }

  /** A CRAN-like repository's {@code src/contrib}. */
  public static ContribLocation cran(RepoConfig repo) {
    return new ContribLocation(
        repo.upstreamBase() + "/" + Layout.CRAN_CONTRIB, Layout.CRAN_CONTRIB);
  }

  /**
   * The contrib dir of one area ({@code bioc}, {@code data/annotation}...) of a Bioconductor
   * release.
   */
  public static ContribLocation bioc(RepoConfig repo, String version, String area) {
    String dir = Layout.biocContrib(version, area);
    return new ContribLocation(repo.upstreamBase() + "/" + dir, dir);
  }

  /** The URL of a file below the upstream contrib dir. */
  URI file(String relative) {
    return URI.create(upstream + "/" + relative);
  }

  /** The upstream URL the contrib dir is below, as the same path as in the snapshot. */
  String root() {
    String tail = "/" + dir;
    return upstream.endsWith(tail)
        ? upstream.substring(0, upstream.length() - tail.length())
        : upstream;
  }

  /** What messages about this dir start with: nothing for CRAN's one dir, else the dir. */
  String prefix() {
    return dir.equals(Layout.CRAN_CONTRIB) ? "" : dir + ": ";
  }
}
