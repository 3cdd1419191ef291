package dev.tintype.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** tintype's fetcher against {@code xargs -P 16 curl} on the same files from the same nginx. */
final class DownloadBench {
  private DownloadBench() {}

  /** Writes the files under {@code upRoot/dl/}: sizes spread log-uniformly from 1 KiB to 1 MiB. */
  static long prepare(Path upRoot, int n) throws IOException {
    Path dir = Files.createDirectories(upRoot.resolve("dl"));
    Random r = new Random(42);
    byte[] buf = new byte[1 << 20];
    long total = 0;
    for (int i = 0; i < n; i++) {
      int size = (int) Math.round(Math.pow(2, 10 + r.nextDouble() * 10));
      r.nextBytes(buf);
      try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("f%05d.bin", i)))) {
        out.write(buf, 0, size);
      }
      total += size;
    }
    return total;
  }

  static List<Figure> run(Work w, Path upRoot, String upstreamUrl) throws IOException {
    int n = w.scale().downloads();
    int parallel = w.scale().downloadParallel();
    long total = prepare(upRoot, n);
    List<String> list = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.format("f%05d.bin", i);
      String url = upstreamUrl + "/dl/" + name;
      list.add(url + "\t" + Files.size(upRoot.resolve("dl").resolve(name)));
      urls.add(url);
    }
    Path listFile = Files.write(w.dir().resolve("dl-list.tsv"), list);
    Path urlFile = Files.write(w.dir().resolve("dl-urls.txt"), urls);
    Path ours = w.dir().resolve("dl-tintype");
    Path theirs = Files.createDirectories(w.dir().resolve("dl-curl"));
    w.settle();
    Proc.Run t =
        w.run(
                w.jvm()
                    .helper(
                        Work.HEAP,
                        FetchFiles.class,
                        listFile.toString(),
                        ours.toString(),
                        Integer.toString(parallel)))
            .requireOk();
    w.settle();
    Proc.Run c =
        w.bash(
                "cd '"
                    + theirs
                    + "' && xargs -P "
                    + parallel
                    + " -n 1 curl -sfS -O < '"
                    + urlFile
                    + "'")
            .requireOk();
    long oursBytes = size(ours);
    long theirBytes = size(theirs);
    if (oursBytes != total || theirBytes != total) {
      throw new IOException(
          "downloads incomplete: expected "
              + total
              + " bytes, tintype has "
              + oursBytes
              + ", curl has "
              + theirBytes);
    }
    w.info(
        "downloads: tintype "
            + Figure.seconds(t.seconds())
            + ", curl "
            + Figure.seconds(c.seconds())
            + ", "
            + Figure.mib(total));
    double ratio = c.seconds() / t.seconds();
    return List.of(
        new Figure(
            String.format(
                java.util.Locale.ROOT, "download %,d files (%s) vs curl", n, Figure.mib(total)),
            Figure.seconds(t.seconds()) + " (" + parallel + " threads, whole JVM run)",
            Figure.seconds(c.seconds()) + " (xargs -P " + parallel + " -n 1 curl)",
            Figure.times(ratio) + " curl's speed",
            "≥ 1× (at least as fast)",
            Figure.Verdict.of(ratio >= 1)));
  }

  private static long size(Path dir) throws IOException {
    long total = 0;
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        total += Files.size(p);
      }
    }
    return total;
  }
}
