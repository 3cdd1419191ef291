package dev.tintype.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory row, at {@code -Xmx64m}: a third nightly sync (another 1% released upstream)
 * and the commands that read whole snapshots, on the PyPI mirror the nightly benchmark left;
 * ({@link #pypiBundle}) a real export and import; ({@link #pypiFirst}) a first sync of the same
 * upstream into an empty mirror.
 */
final class MemoryRows {
  static final String HEAP = "64m";

  private MemoryRows() {}

  static Figure pypi(Work w, Path cfg, PypiGen pypi, String size) throws IOException {
    String c = cfg.toString();
    Map<String, String[]> commands = new LinkedHashMap<>();
    // Released before the commands run: the nightly is the first of them.
    pypi.releaseOnePercent(2);
    commands.put(
        "nightly sync (1% changed)", new String[] {"sync", "--config", c, "--date", "2026-01-03"});
    commands.put("verify", new String[] {"verify", "--config", c, "--repo", "pypi"});
    commands.put(
        "diff", new String[] {"diff", "--config", c, "--repo", "pypi", "2026-01-01", "2026-01-02"});
    commands.put(
        "export --dry-run", new String[] {"export", "--config", c, "--repo", "pypi", "--dry-run"});
    commands.put("gc --dry-run", new String[] {"gc", "--config", c, "--dry-run"});
    List<String> results = new ArrayList<>();
    boolean allOk = true;
    for (Map.Entry<String, String[]> e : commands.entrySet()) {
      Measured m = measure(w, e.getKey(), e.getValue());
      allOk &= m.ok();
      results.add(m.result());
    }
    return new Figure(
        String.format(Locale.ROOT, "memory at -Xmx%s, PyPI %s", HEAP, size),
        String.join("; ", results),
        "-",
        "-",
        "each command completes at -Xmx" + HEAP,
        allOk ? Figure.Verdict.MET : Figure.Verdict.MISSED);
  }

  /**
   * The real export of the newest snapshot (the one day after the first) into a directory, and its
   * import into an empty mirror configured like the benchmark's, each at {@code -Xmx64m}. Separate
   * from {@link #pypi} as the import needs the export's output.
   */
  static Figure pypiBundle(Work w, Path cfg, String size) throws IOException {
    Path bundle = w.dir().resolve("bundle-" + HEAP);
    Path importCfg = withStorage(w, cfg, "import-" + HEAP, w.dir().resolve("imported-" + HEAP));
    String c = cfg.toString();
    Measured export =
        measure(
            w,
            "export",
            new String[] {"export", "--config", c, "--repo", "pypi", "--out", bundle.toString()});
    Measured imp =
        export.ok()
            ? measure(
                w,
                "import",
                new String[] {"import", "--config", importCfg.toString(), bundle.toString()})
            : new Measured(false, "import not run: the export failed");
    return new Figure(
        String.format(Locale.ROOT, "memory at -Xmx%s, PyPI %s: bundle", HEAP, size),
        export.result() + "; " + imp.result(),
        "-",
        "-",
        "a real export and import complete at -Xmx" + HEAP,
        export.ok() && imp.ok() ? Figure.Verdict.MET : Figure.Verdict.MISSED);
  }

  /**
   * A first sync of the benchmark's upstream into an empty mirror at {@code -Xmx64m}. Separate from
   * the timed first sync (at the harness's heap), so that a run out of memory here does not stop
   * the nightly benchmarks that need that one.
   */
  static Figure pypiFirst(Work w, Path cfg, String size) throws IOException {
    Path firstCfg = withStorage(w, cfg, "first-" + HEAP, w.dir().resolve("first-" + HEAP));
    Measured first =
        measure(
            w,
            "first sync",
            new String[] {"sync", "--config", firstCfg.toString(), "--date", "2026-01-01"});
    return new Figure(
        String.format(Locale.ROOT, "memory at -Xmx%s, PyPI %s: first sync", HEAP, size),
        first.result(),
        "-",
        "-",
        "a first sync completes at -Xmx" + HEAP,
        first.ok() ? Figure.Verdict.MET : Figure.Verdict.MISSED);
  }

  /** A copy of the config {@code cfg}, named {@code name}.yaml, storing into {@code mirror}. */
  private static Path withStorage(Work w, Path cfg, String name, Path mirror) throws IOException {
    Path out = w.dir().resolve(name + ".yaml");
    String yaml = Files.readString(cfg, StandardCharsets.UTF_8);
    String storage = yaml.lines().filter(l -> l.startsWith("storage:")).findFirst().orElseThrow();
    Files.writeString(
        out,
        yaml.replace(storage, "storage: {filesystem: '" + mirror + "'}"),
        StandardCharsets.UTF_8);
    return out;
  }

  /** One command's outcome, time and peak RSS, as a row's text, and whether it succeeded. */
  private record Measured(boolean ok, String result) {}

  private static Measured measure(Work w, String label, String[] args) throws IOException {
    w.settle();
    Proc.Run r = w.run(w.jvm().tintype(HEAP, args));
    boolean ok = r.exit() == 0;
    String result =
        label
            + " "
            + (ok ? "ok" : "FAILED (exit " + r.exit() + ")")
            + " "
            + Figure.seconds(r.seconds())
            + ", "
            + IndexBench.rss(r);
    w.info("memory at -Xmx" + HEAP + ": " + result + (ok ? "" : "\n" + tail(r.stderr())));
    return new Measured(ok, result);
  }

  private static String tail(String s) {
    return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
  }
}
