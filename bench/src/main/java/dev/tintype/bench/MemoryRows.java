package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part of the memory row: a third nightly sync (another 1% released upstream) and the
 * commands that read whole snapshots, run at {@code -Xmx64m} on the PyPI mirror the nightly
 * benchmark left. The first sync and import at that heap are not measured here, so a clean run is
 * reported, not called met.
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
      w.settle();
      Proc.Run r = w.run(w.jvm().tintype(HEAP, e.getValue()));
      boolean ok = r.exit() == 0;
      allOk &= ok;
      String result =
          e.getKey()
              + " "
              + (ok ? "ok" : "FAILED (exit " + r.exit() + ")")
              + " "
              + Figure.seconds(r.seconds())
              + ", "
              + IndexBench.rss(r);
      w.info("memory at -Xmx" + HEAP + ": " + result + (ok ? "" : "\n" + tail(r.stderr())));
      results.add(result);
    }
    return new Figure(
        String.format(Locale.ROOT, "memory at -Xmx%s, PyPI %s", HEAP, size),
        String.join("; ", results),
        "-",
        "-",
        "each command completes at -Xmx"
            + HEAP
            + " (first sync and import not measured in this row)",
        allOk ? Figure.Verdict.INFO : Figure.Verdict.MISSED);
  }

  private static String tail(String s) {
    return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
  }
}
