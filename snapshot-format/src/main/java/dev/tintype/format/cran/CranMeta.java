package dev.tintype.format.cran;

import dev.tintype.format.rds.RValue;
import dev.tintype.format.rds.RdsException;
import dev.tintype.format.rds.RdsReader;
import dev.tintype.format.rds.RdsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CRAN's {@code src/contrib/Meta/archive.rds} (a named list of {@code file.info()} data frames, one
 * per package, rows {@code pkg/pkg_ver.tar.gz}) and {@code Meta/current.rds} (one such frame, rows
 * {@code pkg_ver.tar.gz}): read, and written gzip'd and deterministic, sorted by name.
 */
public final class CranMeta {
  public static final String ARCHIVE_RDS = "Meta/archive.rds";
  public static final String CURRENT_RDS = "Meta/current.rds";

  private CranMeta() {}

  /** The archive: package name to its rows, as upstream orders them. */
  public static Map<String, List<FileInfo>> readArchive(InputStream in, String source)
      throws IOException {
    RValue v = RdsReader.read(in, source);
    if (!(v instanceof RValue.ListVec list)) {
      throw new RdsException(source + ": expected a named list of data frames");
    }
    List<String> names =
        list.values().isEmpty()
            ? List.of()
            : FileInfo.strings(list.attributes().get("names"), source + " names");
    Map<String, List<FileInfo>> out = new LinkedHashMap<>();
    for (int i = 0; i < list.values().size(); i++) {
      String pkg = names.get(i);
      if (pkg == null || pkg.isEmpty()) {
        throw new RdsException(source + ": element " + (i + 1) + " has no package name");
      }
      out.put(pkg, FileInfo.rows(list.values().get(i), source + " [" + pkg + "]"));
    }
    return out;
  }

  /** The current files, by tarball name. */
  public static List<FileInfo> readCurrent(InputStream in, String source) throws IOException {
    return FileInfo.rows(RdsReader.read(in, source), source);
  }

  /** Writes an archive.rds: packages sorted by name, each package's rows by name. */
  public static void writeArchive(Map<String, List<FileInfo>> archive, OutputStream out)
      throws IOException {
    Map<String, List<FileInfo>> sorted = new TreeMap<>(archive);
    List<RValue> frames = new ArrayList<>();
    for (List<FileInfo> rows : sorted.values()) {
      frames.add(FileInfo.frame(sortedRows(rows)));
    }
    RValue v =
        RValue.list(frames)
            .withAttribute("names", RValue.strings(new ArrayList<>(sorted.keySet())));
    gz(v, out);
  }

  /** Writes a current.rds, rows sorted by name. */
  public static void writeCurrent(List<FileInfo> rows, OutputStream out) throws IOException {
    gz(FileInfo.frame(sortedRows(rows)), out);
  }

  private static List<FileInfo> sortedRows(List<FileInfo> rows) {
    List<FileInfo> s = new ArrayList<>(rows);
    s.sort(java.util.Comparator.comparing(FileInfo::name));
    return s;
  }

  private static void gz(RValue v, OutputStream out) throws IOException {
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      RdsWriter.write(gz, v);
    }
  }
}
