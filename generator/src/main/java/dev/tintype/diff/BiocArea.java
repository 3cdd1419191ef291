package dev.tintype.diff;

import dev.tintype.config.RepoConfig;
import java.util.Comparator;

/**
 * One area of one Bioconductor release, such as {@code 3.16/bioc}: where a change of a Bioconductor
 * diff happened. The same package can change differently in each.
 *
 * @param release a release such as {@code 3.16}
 * @param area one of {@link RepoConfig#BIOC_AREAS}
 */
public record BiocArea(String release, String area) {
  /** Releases in numeric order (3.9 before 3.10), then areas in BiocManager's order. */
  static final Comparator<BiocArea> ORDER =
      Comparator.comparingInt((BiocArea a) -> a.part(0))
          .thenComparingInt(a -> a.part(1))
          .thenComparingInt(a -> RepoConfig.BIOC_AREAS.indexOf(a.area()));

  public BiocArea {
    if (!release.matches("[0-9]{1,4}\\.[0-9]{1,4}")) {
      throw new IllegalArgumentException("'" + release + "' is not a Bioconductor release");
    }
    if (!RepoConfig.BIOC_AREAS.contains(area)) {
      throw new IllegalArgumentException("'" + area + "' is not one of " + RepoConfig.BIOC_AREAS);
    }
  }

  private int part(int i) {
    return Integer.parseInt(release.split("\\.")[i]);
  }

  /** {@code <release>/<area>}, as in the snapshot's {@code packages/<release>/<area>/}. */
  @Override
  public String toString() {
    return release + "/" + area;
  }
}
