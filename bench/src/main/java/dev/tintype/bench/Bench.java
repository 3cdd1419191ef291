package dev.tintype.bench;

import dev.tintype.fixtures.NginxServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark harness: builds synthetic upstreams, runs each benchmark against its reference in
 * the same run, and prints one table. See {@code bench/run --help}.
 */
public final class Bench {
  static final Set<String> ALL =
      Set.of("index", "pages", "sync", "download", "gc", "s3", "archive");

  /** What to run, where. */
  record Options(
      Scale scale,
      Path work,
      Optional<Path> tintypeJar,
      Optional<Path> launcher,
      Set<String> only) {}

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (o == null) {
      return;
    }
    List<Figure> figures = run(o, System.out);
    // At smoke size the targets mean nothing: only a benchmark that could not run is a failure.
    boolean bad =
        o.scale().label().equals("smoke")
            ? figures.stream().anyMatch(f -> f.tintype().startsWith("failed"))
            : figures.stream().anyMatch(f -> f.met() == Figure.Verdict.MISSED);
    System.exit(bad ? 1 : 0);
  }

  static Options parse(String[] args) {
    Scale scale = Scale.full();
    Path work = null;
    Optional<Path> jar = Optional.empty();
    Optional<Path> launcher = Optional.empty();
    Set<String> only =
        new LinkedHashSet<>(List.of("index", "pages", "sync", "download", "gc", "s3", "archive"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> scale = Scale.smoke();
        case "--fraction" ->
            scale = Scale.fraction(Double.parseDouble(value(args, ++i, "--fraction")));
        case "--work" -> work = Path.of(value(args, ++i, "--work"));
        case "--tintype-jar" -> jar = Optional.of(Path.of(value(args, ++i, "--tintype-jar")));
        case "--launcher" -> launcher = Optional.of(Path.of(value(args, ++i, "--launcher")));
        case "--only" -> {
          only = new LinkedHashSet<>(List.of(value(args, ++i, "--only").split(",")));
          if (!ALL.containsAll(only)) {
            throw new IllegalArgumentException("--only takes a list of " + ALL + ", got " + only);
          }
        }
        case "-h", "--help" -> {
          System.out.println(
              "usage: bench [--smoke | --fraction F] [--work DIR] [--tintype-jar JAR] [--launcher scripts/tintype] [--only index,pages,sync,download,gc,s3,archive]");
          return null;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (work == null) {
      throw new IllegalArgumentException("--work DIR is required (an empty or missing directory)");
    }
    return new Options(scale, work, jar, launcher, only);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** Runs the benchmarks; prints progress and the table to {@code out}; returns the figures. */
  static List<Figure> run(Options o, PrintStream out) throws IOException {
    Path work = o.work().toAbsolutePath();
    Files.createDirectories(work);
    try (var s = Files.list(work)) {
      if (s.findAny().isPresent()) {
        throw new IOException("work directory " + work + " is not empty");
      }
    }
    long t0 = System.nanoTime();
    Work w = new Work(work, o.scale(), new Jvm(o.tintypeJar(), o.launcher()), m -> log(out, t0, m));
    List<Figure> figures = new ArrayList<>();
    Path up = Files.createDirectories(work.resolve("up"));
    CranGen cran = null;
    if (o.only().contains("index") || o.only().contains("sync")) {
      int n = o.scale().cranUpstreamSize();
      cran = new CranGen(up.resolve("cran"), n).write();
      w.info(String.format(Locale.ROOT, "wrote a synthetic CRAN of %,d packages", n));
    }
    CranGen c = cran;
    if (o.only().contains("index")) {
      figures.addAll(guard(w, "index", () -> IndexBench.run(w, c)));
    }
    if (o.only().contains("pages")) {
      figures.addAll(guard(w, "pages", () -> PagesBench.run(w)));
    }
    if (o.only().contains("sync") || o.only().contains("download")) {
      NginxServer nginx;
      try {
        nginx = NginxServer.start(up);
      } catch (IOException | RuntimeException e) {
        w.info("nginx did not start, so the sync and download benchmarks are skipped: " + e);
        figures.add(Figure.skipped("nightly sync and downloads", "nginx did not start"));
        nginx = null;
      }
      if (nginx != null) {
        try (NginxServer n = nginx) {
          String url = n.url();
          if (o.only().contains("sync")) {
            figures.addAll(guard(w, "CRAN sync", () -> SyncBench.cran(w, c, url + "/cran")));
            PypiGen pypi = new PypiGen(up.resolve("pypi"), o.scale().pypiProjects());
            int files = pypi.write();
            w.info(
                String.format(
                    Locale.ROOT,
                    "wrote a synthetic PyPI of %,d projects, %,d files",
                    o.scale().pypiProjects(),
                    files));
            figures.addAll(guard(w, "PyPI sync", () -> SyncBench.pypi(w, pypi, url + "/pypi")));
          }
          if (o.only().contains("download")) {
            figures.addAll(guard(w, "download", () -> DownloadBench.run(w, up, url)));
          }
        }
      }
    }
    if (o.only().contains("gc")) {
      figures.addAll(guard(w, "gc", () -> GcBench.run(w)));
    }
    if (o.only().contains("s3")) {
      figures.addAll(guard(w, "s3", () -> S3Rows.run(w)));
    }
    if (o.only().contains("archive")) {
      figures.addAll(guard(w, "archive", () -> ArchiveBench.run(w)));
    }
    w.info(String.format(Locale.ROOT, "done in %.1f min", (System.nanoTime() - t0) / 6e10));
    String table = table(o.scale(), figures);
    out.println();
    out.print(table);
    Files.writeString(work.resolve("results.md"), table, StandardCharsets.UTF_8);
    return figures;
  }

  interface Step {
    List<Figure> run() throws IOException;
  }

  /** A benchmark that fails is a missed figure with its reason, not the end of the run. */
  private static List<Figure> guard(Work w, String name, Step step) {
    try {
      return step.run();
    } catch (IOException | RuntimeException e) {
      w.info(name + " failed: " + e);
      return List.of(
          new Figure(name, "failed: " + firstLine(e), "-", "-", "-", Figure.Verdict.MISSED));
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void log(PrintStream out, long t0, String message) {
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
    out.flush();
  }

  static String table(Scale scale, List<Figure> figures) {
    StringBuilder t = new StringBuilder();
    t.append("| benchmark (")
        .append(scale.label())
        .append(" scale) | tintype | reference |")
        .append(" ratio | target | met |\n");
    t.append("|---|---|---|---|---|---|\n");
    for (Figure f : figures) {
      t.append("| ")
          .append(f.benchmark())
          .append(" | ")
          .append(f.tintype())
          .append(" | ")
          .append(f.reference())
          .append(" | ")
          .append(f.ratio())
          .append(" | ")
          .append(f.target())
          .append(" | ")
          .append(f.met().name().toLowerCase(Locale.ROOT))
          .append(" |\n");
    }
    return t.toString();
  }
}
