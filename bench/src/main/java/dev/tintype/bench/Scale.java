package dev.tintype.bench;

import java.util.List;

/** How big each benchmark runs. */
record Scale(
    String label,
    List<Integer> indexSizes,
    int pages,
    int cranPackages,
    int pypiProjects,
    int downloads,
    int downloadParallel,
    int gcSnapshots,
    int archivePackages,
    int archiveFiles) {

  /** The sizes the issue names. */
  static Scale full() {
    return new Scale(
        "full",
        List.of(2_000, 20_000),
        100_000,
        20_000,
        100_000,
        2_000,
        16,
        10_000,
        20_000,
        100_000);
  }

  /** Seconds: enough to run every path, too small for the figures to mean anything. */
  static Scale smoke() {
    return new Scale("smoke", List.of(30), 300, 150, 120, 40, 4, 60, 120, 300);
  }

  /** The full sizes times {@code f}, for quicker runs while working on tintype. */
  static Scale fraction(double f) {
    Scale s = full();
    return new Scale(
        "full × " + f,
        s.indexSizes.stream().map(n -> scaled(n, f)).toList(),
        scaled(s.pages, f),
        scaled(s.cranPackages, f),
        scaled(s.pypiProjects, f),
        scaled(s.downloads, f),
        s.downloadParallel,
        scaled(s.gcSnapshots, f),
        scaled(s.archivePackages, f),
        scaled(s.archiveFiles, f));
  }

  private static int scaled(int n, double f) {
    return Math.max(10, (int) Math.round(n * f));
  }

  int cranUpstreamSize() {
    return Math.max(cranPackages, indexSizes.stream().mapToInt(Integer::intValue).max().orElse(0));
  }
}
