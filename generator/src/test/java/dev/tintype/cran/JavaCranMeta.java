package dev.tintype.cran;

import dev.tintype.format.cran.CranMeta;
import dev.tintype.format.cran.FileInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes an upstream's Meta/archive.rds and Meta/current.rds in Java, from the files and their
 * mtimes, as R's {@code file.info()} would: for fast tests. {@code CranUpstream.withMeta()} has R
 * write them.
 */
final class JavaCranMeta {
  private JavaCranMeta() {}

  static void write(Path root) throws IOException {
    Path contrib = root.resolve("src/contrib");
    Map<String, List<FileInfo>> archive = new TreeMap<>();
    Path dir = contrib.resolve("Archive");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          String row = dir.relativize(p).toString();
          archive
              .computeIfAbsent(row.substring(0, row.indexOf('/')), k -> new ArrayList<>())
              .add(info(row, p));
        }
      }
    }
    writeArchive(root, archive);
    List<FileInfo> current = new ArrayList<>();
    try (Stream<Path> s = Files.list(contrib)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".tar.gz")).sorted().toList()) {
        current.add(info(p.getFileName().toString(), p));
      }
    }
    try (OutputStream out = Files.newOutputStream(contrib.resolve("Meta/current.rds"))) {
      CranMeta.writeCurrent(current, out);
    }
  }

  static void writeArchive(Path root, Map<String, List<FileInfo>> archive) throws IOException {
    Path meta = Files.createDirectories(root.resolve("src/contrib/Meta"));
    try (OutputStream out = Files.newOutputStream(meta.resolve("archive.rds"))) {
      CranMeta.writeArchive(archive, out);
    }
  }

  private static FileInfo info(String name, Path p) throws IOException {
    return FileInfo.of(
        name, Files.size(p), (double) Files.getLastModifiedTime(p).toInstant().getEpochSecond());
  }
}
