package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tintype index DIR} against {@code tools::write_PACKAGES(DIR, type = "source")} on the same
 * directory of tarballs, and a check in R that both wrote the same records.
 */
final class IndexBench {
  private IndexBench() {}

  static List<Figure> run(Work w, CranGen cran) throws IOException {
    List<Figure> out = new ArrayList<>();
    for (int n : w.scale().indexSizes()) {
      String name = String.format(java.util.Locale.ROOT, "index %,d tarballs vs R", n);
      if (Work.which("Rscript").isEmpty()) {
        out.add(Figure.skipped(name, "Rscript not installed"));
        continue;
      }
      out.add(one(w, cran, n, name));
    }
    return out;
  }

  private static Figure one(Work w, CranGen cran, int n, String name) throws IOException {
    Path dir = Files.createDirectories(w.dir().resolve("index-" + n));
    for (String f : cran.fileNames(n)) {
      Files.createLink(dir.resolve(f), cran.contrib().resolve(f));
    }
    Path ours = Files.createDirectories(w.dir().resolve("index-" + n + "-tintype"));
    w.settle();
    Proc.Run t = w.tintype("index", dir.toString());
    w.info(name + ": tintype " + Figure.seconds(t.seconds()) + ": " + t.stdout().strip());
    for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
      Files.move(dir.resolve(f), ours.resolve(f));
    }
    w.settle();
    Proc.Run r =
        w.run(
                List.of(
                    "Rscript",
                    "--no-init-file",
                    "-e",
                    "tools::write_PACKAGES('" + dir + "', type = 'source')"))
            .requireOk();
    w.info(name + ": R " + Figure.seconds(r.seconds()));
    String verdict =
        w.run(
                List.of(
                    "Rscript",
                    "--no-init-file",
                    "-e",
                    "byName <- function(m) m[order(rownames(m)), , drop = FALSE]\n"
                        + "a <- byName(readRDS('"
                        + dir.resolve("PACKAGES.rds")
                        + "'))\nb <- byName(readRDS('"
                        + ours.resolve("PACKAGES.rds")
                        + "'))\nx <- read.dcf('"
                        + ours.resolve("PACKAGES")
                        + "'); x <- x[order(x[, 'Package']), , drop = FALSE]\n"
                        + "y <- read.dcf('"
                        + dir.resolve("PACKAGES")
                        + "'); y <- y[order(y[, 'Package']), , drop = FALSE]\n"
                        + "cat(if (identical(a, b) && identical(x, y)) 'identical' else"
                        + " 'DIFFERENT', nrow(a), nrow(b), '\\n')"))
            .requireOk()
            .stdout()
            .strip();
    boolean identical = verdict.equals("identical " + n + " " + n);
    double speedup = r.seconds() / t.seconds();
    return new Figure(
        name,
        Figure.seconds(t.seconds()) + ", " + rss(t),
        Figure.seconds(r.seconds()) + " (write_PACKAGES)",
        Figure.times(speedup) + " faster; records " + (identical ? "identical" : verdict),
        "≥ 10× faster, identical records",
        Figure.Verdict.of(speedup >= 10 && identical));
  }

  static String rss(Proc.Run r) {
    return r.peakRssKiB() < 0 ? "peak RSS n/a" : "peak RSS " + r.peakRssKiB() / 1024 + " MiB";
  }
}
