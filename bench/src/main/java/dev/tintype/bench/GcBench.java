package dev.tintype.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * gc over many snapshots: aptly's cleanup is known to need gigabytes for 10,000 snapshots, so the
 * figure is tintype's peak RSS and time for a dry run and a real gc of that many, at a small heap.
 * One real sync makes the first snapshot; the others are hard-linked copies of its tree under
 * earlier dates (only the manifest's date differs), which is what a year of unchanged nightlies
 * looks like on disk.
 */
final class GcBench {
  /** The heap gc must complete in: its memory must not grow with the number of snapshots. */
  static final String HEAP = "64m";

  private GcBench() {}

  static List<Figure> run(Work w) throws IOException {
    int snapshots = w.scale().gcSnapshots();
    CranGen cran = new CranGen(w.dir().resolve("gc-up"), 20).write();
    Path root = w.dir().resolve("gc-mirror");
    Path cfg = w.dir().resolve("gc.yaml");
    Files.writeString(
        cfg,
        "storage: {filesystem: '"
            + root
            + "'}\nrepos:\n  - {name: cran, type: cran, upstream: '"
            + cran.root().toUri()
            + "'}\nretention: {daily: 30, weekly: 26, monthly: all}\n");
    LocalDate newest = LocalDate.parse("2026-12-01");
    w.tintype("sync", "--config", cfg.toString(), "--date", newest.toString());
    Path template = root.resolve("cran").resolve(newest.toString());
    String manifest = Files.readString(template.resolve("manifest.json"), StandardCharsets.UTF_8);
    for (int i = 1; i < snapshots; i++) {
      LocalDate d = newest.minusDays(i);
      Path dir = root.resolve("cran").resolve(d.toString());
      copyLinked(template, dir);
      Path m = dir.resolve("manifest.json");
      Files.delete(m);
      Files.writeString(
          m,
          manifest.replaceFirst(
              "\"date\"(\\s*):(\\s*)\"" + newest + "\"", "\"date\"$1:$2\"" + d + "\""),
          StandardCharsets.UTF_8);
    }
    w.info(String.format(Locale.ROOT, "made %,d snapshots for gc", snapshots));
    w.settle();
    Proc.Run dry =
        w.run(w.jvm().tintype(HEAP, "gc", "--config", cfg.toString(), "--dry-run")).requireOk();
    w.settle();
    Proc.Run real = w.run(w.jvm().tintype(HEAP, "gc", "--config", cfg.toString())).requireOk();
    long left;
    try (Stream<Path> s = Files.list(root.resolve("cran"))) {
      left = s.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}")).count();
    }
    String what = String.format(Locale.ROOT, "gc of %,d snapshots at -Xmx%s", snapshots, HEAP);
    return List.of(
        new Figure(
            what + ", dry run",
            Figure.seconds(dry.seconds()) + ", peak RSS " + rss(dry),
            "-",
            "-",
            "completes at -Xmx" + HEAP,
            Figure.Verdict.MET),
        new Figure(
            what,
            Figure.seconds(real.seconds())
                + ", peak RSS "
                + rss(real)
                + String.format(Locale.ROOT, "; %,d snapshots kept", left),
            "-",
            "-",
            "completes at -Xmx" + HEAP + "; keeps what the policy says",
            Figure.Verdict.of(left > 0 && left < snapshots)));
  }

  private static String rss(Proc.Run r) {
    return r.peakRssKiB() < 0 ? "unmeasured" : Figure.mib(r.peakRssKiB() * 1024);
  }

  private static void copyLinked(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createLink(t, p);
        }
      }
    }
  }
}
