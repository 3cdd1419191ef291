package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Publishing the simple pages (HTML and JSON) of many projects, against {@code cp -r} of the
 * finished snapshot on the same disk. The build runs with the memory benchmark's heap.
 */
final class PagesBench {
  private PagesBench() {}

  static List<Figure> run(Work w) throws IOException {
    int n = w.scale().pages();
    String name = String.format(java.util.Locale.ROOT, "simple pages of %,d projects vs cp -r", n);
    String mem = String.format(java.util.Locale.ROOT, "memory: page build, %,d projects", n);
    Proc.Run build = build(w, Work.HEAP, w.dir().resolve("pages"), n);
    Figure memory = memory(mem, build);
    String heapNote = "";
    if (build.exit() != 0) {
      w.info("pages: the build failed with -Xmx" + Work.HEAP + ":\n" + tail(build.stderr()));
      // The copy floor still needs a tree: build it again with room to spare.
      build = build(w, RETRY_HEAP, w.dir().resolve("pages-" + RETRY_HEAP), n);
      heapNote = ", -Xmx" + RETRY_HEAP;
      if (build.exit() != 0) {
        w.info("pages: the build failed with -Xmx" + RETRY_HEAP + " too:\n" + tail(build.stderr()));
        return List.of(
            new Figure(name, "failed", "-", "-", "≤ 3× the copy", Figure.Verdict.MISSED), memory);
      }
    }
    w.info("pages: " + build.stdout().strip() + "; wall " + Figure.seconds(build.seconds()));
    Path tree =
        w.dir()
            .resolve(heapNote.isEmpty() ? "pages" : "pages-" + RETRY_HEAP)
            .resolve("pypi/2026-01-01");
    Path copy = w.dir().resolve("pages-copy");
    w.settle();
    Proc.Run cp = w.run(List.of("cp", "-r", tree.toString(), copy.toString())).requireOk();
    Proc.Run count = w.bash("find '" + copy + "' -type f | wc -l").requireOk();
    w.info(
        "pages: cp -r " + Figure.seconds(cp.seconds()) + ", " + count.stdout().strip() + " files");
    double ratio = build.seconds() / cp.seconds();
    return List.of(
        new Figure(
            name,
            Figure.seconds(build.seconds()) + " (whole JVM run" + heapNote + ")",
            Figure.seconds(cp.seconds()) + " (cp -r, " + count.stdout().strip() + " files)",
            Figure.times(ratio) + " the copy",
            "≤ 3× the copy",
            Figure.Verdict.of(ratio <= 3)),
        memory);
  }

  private static final String RETRY_HEAP = "2g";

  private static Proc.Run build(Work w, String heap, Path root, int n) throws IOException {
    w.settle();
    return w.run(w.jvm().helper(heap, PageBuild.class, root.toString(), Integer.toString(n)));
  }

  private static String tail(String s) {
    String[] lines = s.strip().split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, 0, Math.min(4, lines.length)));
  }

  private static String failure(Proc.Run r) {
    return r.stderr().contains("OutOfMemoryError") ? "FAILED: OutOfMemoryError" : "FAILED";
  }

  static Figure memory(String name, Proc.Run r) {
    boolean measured = r.peakRssKiB() >= 0;
    return new Figure(
        name,
        (r.exit() == 0 ? "completed" : "FAILED")
            + " with -Xmx"
            + Work.HEAP
            + ", "
            + IndexBench.rss(r),
        "-",
        "-",
        "completes with -Xmx" + Work.HEAP + "; report peak RSS",
        r.exit() == 0
            ? (measured ? Figure.Verdict.MET : Figure.Verdict.INFO)
            : Figure.Verdict.MISSED);
  }
}
