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
    Path root = w.dir().resolve("pages");
    Proc.Run build =
        w.run(w.jvm().helper(Work.HEAP, PageBuild.class, root.toString(), Integer.toString(n)));
    String name = String.format(java.util.Locale.ROOT, "simple pages of %,d projects vs cp -r", n);
    String mem = String.format(java.util.Locale.ROOT, "memory: page build, %,d projects", n);
    if (build.exit() != 0) {
      w.info("pages: the build failed:\n" + build.stderr());
      return List.of(
          new Figure(name, "failed", "-", "-", "≤ 3× the copy", Figure.Verdict.MISSED),
          memory(mem, build));
    }
    w.info("pages: " + build.stdout().strip() + "; wall " + Figure.seconds(build.seconds()));
    Path tree = root.resolve("pypi/2026-01-01");
    Path copy = w.dir().resolve("pages-copy");
    Proc.Run cp = w.run(List.of("cp", "-r", tree.toString(), copy.toString())).requireOk();
    Proc.Run count = w.bash("find '" + copy + "' -type f | wc -l").requireOk();
    w.info(
        "pages: cp -r " + Figure.seconds(cp.seconds()) + ", " + count.stdout().strip() + " files");
    double ratio = build.seconds() / cp.seconds();
    return List.of(
        new Figure(
            name,
            Figure.seconds(build.seconds()) + " (whole JVM run)",
            Figure.seconds(cp.seconds()) + " (cp -r, " + count.stdout().strip() + " files)",
            Figure.times(ratio) + " the copy",
            "≤ 3× the copy",
            Figure.Verdict.of(ratio <= 3)),
        memory(mem, build));
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
