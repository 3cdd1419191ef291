package dev.tintype.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nightly sync with little change: first sync of an upstream served by nginx, 1% of it changes,
 * second sync. The second is reported as a fraction of the first. The rows of issue 17 pair each
 * run with its reference run {@link Pairs#ROUNDS} times: later rounds sync into hard-linked copies
 * of the mirror made before the change, so every nightly does the same work.
 */
final class SyncBench {
  private static final Pattern PUBLISHED =
      Pattern.compile(
          "published \\S+: (\\d+) packages, (\\d+) files downloaded \\((\\d+) bytes\\)");

  private SyncBench() {}

  /** What one {@code tintype sync} reported, and what it cost. */
  record Sync(int packages, long downloads, long bytes, Proc.Run run) {}

  static List<Figure> cran(Work w, CranGen cran, String upstreamUrl) throws IOException {
    Path cfg = w.dir().resolve("cran.yaml");
    Files.writeString(
        cfg,
        "storage: {filesystem: '"
            + w.dir().resolve("mirror")
            + "'}\ndownload: {parallel: 8}\nrepos:\n  - {name: cran, type: cran, upstream: '"
            + upstreamUrl
            + "'}\n");
    List<Figure> out = new ArrayList<>();
    Sync first;
    Sync second;
    int changed;
    try (RsyncReference rsync = RsyncReference.start(w, cran.root())) {
      Pairs firsts = new Pairs();
      Pairs nightlies = new Pairs();
      first = sync(w, cfg, "2026-01-01");
      List<Path> nightCfgs = new ArrayList<>();
      if (rsync.available()) {
        firsts.add(first.run, rsync.first(1));
        for (int round = 2; round <= Pairs.ROUNDS; round++) {
          Path c = withMirror(w, cfg, "mirror-first-" + round);
          firsts.add(sync(w, c, "2026-01-01").run, rsync.first(round));
        }
        for (int round = 2; round <= Pairs.ROUNDS; round++) {
          nightCfgs.add(copyMirror(w, cfg, "mirror-night-" + round));
        }
      }
      changed = cran.changeOnePercent();
      second = sync(w, cfg, "2026-01-02");
      if (rsync.available()) {
        nightlies.add(second.run, rsync.nightly(1));
        for (int i = 0; i < nightCfgs.size(); i++) {
          nightlies.add(sync(w, nightCfgs.get(i), "2026-01-02").run, rsync.nightly(i + 2));
        }
      }
      out.addAll(rsync.figures(packages(first.packages), firsts, nightlies));
    }
    out.add(
        figure(
            String.format(
                java.util.Locale.ROOT,
                "nightly CRAN sync, %,d packages, 1%% changed",
                first.packages),
            first,
            second,
            changed));
    out.add(
        PagesBench.memory(
            String.format(
                java.util.Locale.ROOT, "memory: first CRAN sync, %,d packages", first.packages),
            first.run));
    return out;
  }

  /** {@code cfg} with its storage moved to a new directory {@code name} of the work directory. */
  private static Path withMirror(Work w, Path cfg, String name) throws IOException {
    String mirror = "storage: {filesystem: '" + w.dir().resolve("mirror") + "'}";
    String text = Files.readString(cfg, StandardCharsets.UTF_8);
    if (!text.startsWith(mirror)) {
      throw new IOException(cfg + " does not start with " + mirror);
    }
    Path other = w.dir().resolve(name + ".yaml");
    Files.writeString(
        other,
        "storage: {filesystem: '" + w.dir().resolve(name) + "'}" + text.substring(mirror.length()),
        StandardCharsets.UTF_8);
    return other;
  }

  /**
   * A hard-linked copy of the mirror as it is now (not timed), so that a later round's nightly
   * starts where the first round's does; returns {@code cfg} pointed at it.
   */
  private static Path copyMirror(Work w, Path cfg, String name) throws IOException {
    w.run(List.of("cp", "-al", w.dir().resolve("mirror").toString(), w.dir().resolve(name) + ""))
        .requireOk();
    return withMirror(w, cfg, name);
  }

  static List<Figure> pypi(Work w, PypiGen pypi, String upstreamUrl) throws IOException {
    Path cfg = w.dir().resolve("pypi.yaml");
    StringBuilder y = new StringBuilder();
    y.append("storage: {filesystem: '").append(w.dir().resolve("mirror")).append("'}\n");
    y.append("download: {parallel: 8}\nrepos:\n  - name: pypi\n    type: pypi\n");
    y.append("    upstream: '").append(upstreamUrl).append("'\n    projects:\n");
    for (String p : pypi.names()) {
      y.append("      - '").append(p).append("'\n");
    }
    Files.writeString(cfg, y.toString(), StandardCharsets.UTF_8);
    Sync first = sync(w, cfg, "2026-01-01");
    boolean copies = CopyReference.unavailable().isEmpty();
    List<Path> cfgs = new ArrayList<>(List.of(cfg));
    for (int round = 2; copies && round <= Pairs.ROUNDS; round++) {
      cfgs.add(copyMirror(w, cfg, "mirror-pypi-" + round));
    }
    int changed = pypi.releaseOnePercent();
    Sync second = sync(w, cfg, "2026-01-02");
    Pairs nightlies = new Pairs();
    for (int round = 1; copies && round <= cfgs.size(); round++) {
      Proc.Run nightly = round == 1 ? second.run : sync(w, cfgs.get(round - 1), "2026-01-02").run;
      String mirror = round == 1 ? "mirror" : "mirror-pypi-" + round;
      nightlies.add(
          nightly,
          CopyReference.copy(w, w.dir().resolve(mirror).resolve("pypi/2026-01-01"), round));
    }
    List<Figure> out = new ArrayList<>();
    out.add(
        CopyReference.pypiNightly(
            String.format(java.util.Locale.ROOT, "%,d projects", first.packages), nightlies));
    out.add(
        MemoryRows.pypi(
            w, cfg, pypi, String.format(java.util.Locale.ROOT, "%,d projects", first.packages)));
    out.add(
        MemoryRows.pypiBundle(
            w, cfg, String.format(java.util.Locale.ROOT, "%,d projects", first.packages)));
    out.add(
        MemoryRows.pypiFirst(
            w, cfg, String.format(java.util.Locale.ROOT, "%,d projects", first.packages)));
    out.add(
        figure(
            String.format(
                java.util.Locale.ROOT,
                "nightly PyPI sync, %,d projects, 1%% changed",
                first.packages),
            first,
            second,
            changed));
    out.add(
        PagesBench.memory(
            String.format(
                java.util.Locale.ROOT, "memory: first PyPI sync, %,d projects", first.packages),
            first.run));
    return out;
  }

  private static String packages(int n) {
    return String.format(java.util.Locale.ROOT, "%,d packages", n);
  }

  static Sync sync(Work w, Path cfg, String date) throws IOException {
    w.settle();
    Proc.Run r = w.tintype("sync", "--config", cfg.toString(), "--date", date);
    Matcher m = PUBLISHED.matcher(r.stdout());
    if (!m.find()) {
      throw new IOException("tintype sync printed no 'published' line:\n" + r.stdout());
    }
    Sync s =
        new Sync(
            Integer.parseInt(m.group(1)),
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            r);
    w.info(
        cfg.getFileName()
            + " "
            + date
            + ": "
            + s.downloads
            + " downloads, "
            + Figure.mib(s.bytes)
            + ", "
            + Figure.seconds(r.seconds())
            + ", "
            + IndexBench.rss(r));
    return s;
  }

  private static Figure figure(String name, Sync first, Sync second, int changed) {
    double dl = (double) second.downloads / first.downloads;
    double by = (double) second.bytes / first.bytes;
    double time = second.run.seconds() / first.run.seconds();
    boolean onlyChanged = second.downloads == changed;
    return new Figure(
        name,
        "2nd: "
            + second.downloads
            + " files, "
            + Figure.mib(second.bytes)
            + ", "
            + Figure.seconds(second.run.seconds()),
        "1st: "
            + first.downloads
            + " files, "
            + Figure.mib(first.bytes)
            + ", "
            + Figure.seconds(first.run.seconds()),
        "downloads "
            + Figure.percent(dl)
            + ", bytes "
            + Figure.percent(by)
            + ", time "
            + Figure.percent(time)
            + (onlyChanged
                ? "; only the " + changed + " changed files"
                : "; expected " + changed + " downloads"),
        "< 5 % of the first; only changed files",
        Figure.Verdict.of(dl < 0.05 && by < 0.05 && time < 0.05 && onlyChanged));
  }
}
