package dev.tintype.curate;

import java.util.List;

/**
 * A curated PyPI repository's keys: {@code requirements} closed over their {@code Requires-Dist},
 * and the filters. Empty {@code pythons} or {@code platforms} filter nothing; {@code latest} 0
 * keeps every matching version, {@code maxFileSize} 0 any size. {@link #NONE} (no curation key)
 * keeps pre-releases, so that it filters nothing. See docs/curation.md.
 */
public record PypiCuration(
    List<Requirement> requirements,
    List<String> pythons,
    List<String> platforms,
    boolean prereleases,
    int latest,
    long maxFileSize,
    List<Requirement> block,
    List<String> blockLicenses) {
  public static final PypiCuration NONE =
      new PypiCuration(List.of(), List.of(), List.of(), true, 0, 0, List.of(), List.of());

  /** The Pythons markers are evaluated for when {@code python:} is not given. */
  static final List<String> DEFAULT_PYTHONS = List.of("3.9", "3.10", "3.11", "3.12", "3.13");

  /** The platforms markers are evaluated for when {@code platforms:} is not given. */
  static final List<String> DEFAULT_PLATFORMS =
      List.of("manylinux_2_28_x86_64", "macosx_11_0_arm64", "win_amd64");

  public PypiCuration {
    requirements = List.copyOf(requirements);
    pythons = List.copyOf(pythons);
    platforms = List.copyOf(platforms);
    block = List.copyOf(block);
    blockLicenses = List.copyOf(blockLicenses);
    if (latest < 0 || maxFileSize < 0) {
      throw new IllegalArgumentException("latest and max-file-size must be >= 0");
    }
  }

  public boolean isActive() {
    return !requirements.isEmpty();
  }

  /** Whether some version or file filter is set; {@link #NONE} keeps every file. */
  public boolean filters() {
    return !pythons.isEmpty()
        || !platforms.isEmpty()
        || !prereleases
        || latest > 0
        || maxFileSize > 0
        || !block.isEmpty()
        || !blockLicenses.isEmpty();
  }

  /** The filters as one line, to tell whether they changed since a snapshot was taken. */
  public String describeFilters() {
    return "python=%s platforms=%s prereleases=%s latest=%d max-file-size=%d block=%s block-licenses=%s"
        .formatted(pythons, platforms, prereleases, latest, maxFileSize, block, blockLicenses);
  }
}
