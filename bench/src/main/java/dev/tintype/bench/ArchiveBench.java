package dev.tintype.bench;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.format.cran.CranMeta;
import dev.tintype.format.cran.FileInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The nightly CRAN sync with a large Archive against the same nightly without one: one upstream (a
 * synthetic CRAN plus {@code archiveFiles} archived tarballs, with the Meta/archive.rds and
 * current.rds CRAN publishes), mirrored twice, once with {@code archive: true} and once with {@code
 * archive: false}. The nightly after 1% changed (the replaced versions move to the Archive, so
 * archive.rds changes, as it does on CRAN most days), then one with no change at all.
 */
final class ArchiveBench {
  private ArchiveBench() {}

  static List<Figure> run(Work w) throws IOException {
    int packages = w.scale().archivePackages();
    int archived = w.scale().archiveFiles();
    CranGen cran = new CranGen(w.dir().resolve("archive-up"), packages).write();
    writeArchive(cran, archived);
    writeMeta(cran.contrib());
    w.info(
        String.format(
            Locale.ROOT,
            "wrote a synthetic CRAN of %,d packages and %,d archived files",
            packages,
            archived));
    Path with = config(w, cran, "with-archive", true);
    Path without = config(w, cran, "without-archive", false);
    SyncBench.Sync firstWith = SyncBench.sync(w, with, "2026-01-01");
    SyncBench.sync(w, without, "2026-01-01");
    int changed = cran.changeOnePercent(true);
    writeMeta(cran.contrib());
    SyncBench.Sync changedWith = SyncBench.sync(w, with, "2026-01-02");
    SyncBench.Sync changedWithout = SyncBench.sync(w, without, "2026-01-02");
    SyncBench.Sync sameWith = SyncBench.sync(w, with, "2026-01-03");
    SyncBench.Sync sameWithout = SyncBench.sync(w, without, "2026-01-03");
    String name =
        String.format(
            Locale.ROOT,
            "archive: nightly CRAN sync, %%s, with a %,d-file archive vs without",
            archived);
    return List.of(
        figure(
            w,
            String.format(Locale.ROOT, name, "1% changed and archived"),
            changedWith,
            changedWithout,
            "2026-01-02",
            changed),
        figure(
            w,
            String.format(Locale.ROOT, name, "no change"),
            sameWith,
            sameWithout,
            "2026-01-03",
            0),
        PagesBench.memory(
            String.format(Locale.ROOT, "memory: first CRAN sync with a %,d-file archive", archived),
            firstWith.run()));
  }

  private static Figure figure(
      Work w, String name, SyncBench.Sync with, SyncBench.Sync without, String date, int changed)
      throws IOException {
    long mWith = Files.size(w.dir().resolve("with-archive/cran/" + date + "/manifest.json"));
    long mWithout = Files.size(w.dir().resolve("without-archive/cran/" + date + "/manifest.json"));
    double ratio = with.run().seconds() / without.run().seconds();
    boolean onlyChanged = with.downloads() == changed && without.downloads() == changed;
    return new Figure(
        name,
        Figure.seconds(with.run().seconds())
            + ", "
            + with.downloads()
            + " downloads, manifest "
            + Figure.mib(mWith)
            + ", "
            + IndexBench.rss(with.run()),
        Figure.seconds(without.run().seconds())
            + ", "
            + without.downloads()
            + " downloads, manifest "
            + Figure.mib(mWithout),
        "time "
            + Figure.times(ratio)
            + (onlyChanged
                ? "; only the " + changed + " changed files downloaded, no archived file again"
                : "; expected " + changed + " downloads"),
        "only the changed files downloaded",
        Figure.Verdict.of(onlyChanged));
  }

  private static Path config(Work w, CranGen cran, String name, boolean archive)
      throws IOException {
    Path cfg = w.dir().resolve(name + ".yaml");
    Files.writeString(
        cfg,
        "storage: {filesystem: '"
            + w.dir().resolve(name)
            + "'}\ndownload: {parallel: 8}\nrepos:\n  - {name: cran, type: cran, upstream: '"
            + cran.root().toUri()
            + "', archive: "
            + archive
            + "}\n");
    return cfg;
  }

  /**
   * {@code files} archived versions spread over the packages, {@code 0.0.0.<k>} (never a current
   * version, which has three parts), published a minute apart from 2020 on.
   */
  private static void writeArchive(CranGen cran, int files) throws IOException {
    Path archive = cran.contrib().resolve("Archive");
    int packages = cran.size();
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    for (int i = 0; i < files; i++) {
      String pkg = CranGen.name(i % packages);
      Path dir = Files.createDirectories(archive.resolve(pkg));
      Path f = CranPackage.of(pkg, "0.0.0." + (1 + i / packages)).writeTo(dir);
      Files.setLastModifiedTime(f, FileTime.from(t.plusSeconds(60L * i)));
    }
  }

  /** What CRAN publishes: file.info() of the Archive by package, and of the current tarballs. */
  static void writeMeta(Path contrib) throws IOException {
    Map<String, List<FileInfo>> archive = new TreeMap<>();
    Path dir = contrib.resolve("Archive");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String row = dir.relativize(p).toString();
        archive
            .computeIfAbsent(row.substring(0, row.indexOf('/')), k -> new ArrayList<>())
            .add(info(row, p));
      }
    }
    Path meta = Files.createDirectories(contrib.resolve("Meta"));
    try (OutputStream out = Files.newOutputStream(meta.resolve("archive.rds"))) {
      CranMeta.writeArchive(archive, out);
    }
    List<FileInfo> current = new ArrayList<>();
    try (Stream<Path> s = Files.list(contrib)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".tar.gz")).toList()) {
        current.add(info(p.getFileName().toString(), p));
      }
    }
    try (OutputStream out = Files.newOutputStream(meta.resolve("current.rds"))) {
      CranMeta.writeCurrent(current, out);
    }
  }

  private static FileInfo info(String name, Path p) throws IOException {
    return FileInfo.of(
        name, Files.size(p), (double) Files.getLastModifiedTime(p).toInstant().getEpochSecond());
  }
}
