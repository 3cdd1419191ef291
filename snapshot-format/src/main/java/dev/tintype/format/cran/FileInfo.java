package dev.tintype.format.cran;

import dev.tintype.format.rds.RValue;
import dev.tintype.format.rds.RdsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of an R {@code file.info()} data frame, as CRAN's {@code Meta/archive.rds} and {@code
 * Meta/current.rds} hold them. A null field is NA. Times are seconds since the epoch (POSIXct).
 *
 * @param name the row name: {@code pkg/pkg_1.0.tar.gz} in archive.rds, {@code pkg_1.0.tar.gz} in
 *     current.rds
 */
public record FileInfo(
    String name,
    Double size,
    Boolean isdir,
    Integer mode,
    Double mtime,
    Double ctime,
    Double atime,
    Integer uid,
    Integer gid,
    String uname,
    String grname) {

  public static final List<String> COLUMNS =
      List.of("size", "isdir", "mode", "mtime", "ctime", "atime", "uid", "gid", "uname", "grname");

  public FileInfo {
    Objects.requireNonNull(name, "row name");
  }

  /** A row for a file whose owner and times beyond {@code mtime} are not known. */
  public static FileInfo of(String name, long size, Double mtime) {
    return new FileInfo(
        name, (double) size, false, 0644, mtime, mtime, mtime, null, null, null, null);
  }

  /** The same row under another name. */
  public FileInfo named(String other) {
    return new FileInfo(other, size, isdir, mode, mtime, ctime, atime, uid, gid, uname, grname);
  }

  /** A {@code data.frame} with the columns and classes {@code file.info()} gives. */
  public static RValue frame(List<FileInfo> rows) {
    List<Double> size = new ArrayList<>();
    List<Boolean> isdir = new ArrayList<>();
    List<Integer> mode = new ArrayList<>();
    List<Double> mtime = new ArrayList<>();
    List<Double> ctime = new ArrayList<>();
    List<Double> atime = new ArrayList<>();
    List<Integer> uid = new ArrayList<>();
    List<Integer> gid = new ArrayList<>();
    List<String> uname = new ArrayList<>();
    List<String> grname = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (FileInfo r : rows) {
      names.add(r.name());
      size.add(r.size());
      isdir.add(r.isdir());
      mode.add(r.mode());
      mtime.add(r.mtime());
      ctime.add(r.ctime());
      atime.add(r.atime());
      uid.add(r.uid());
      gid.add(r.gid());
      uname.add(r.uname());
      grname.add(r.grname());
    }
    return RValue.list(
            RValue.doubles(size),
            RValue.logicals(isdir),
            RValue.ints(mode).withAttribute("class", RValue.strings("octmode")),
            posixct(mtime),
            posixct(ctime),
            posixct(atime),
            RValue.ints(uid),
            RValue.ints(gid),
            RValue.strings(uname),
            RValue.strings(grname))
        .withAttribute("names", RValue.strings(COLUMNS))
        .withAttribute("row.names", RValue.strings(names))
        .withAttribute("class", RValue.strings("data.frame"));
  }

  private static RValue posixct(List<Double> seconds) {
    return RValue.doubles(seconds).withAttribute("class", RValue.strings("POSIXct", "POSIXt"));
  }

  /**
   * The rows of a {@code file.info()}-like data frame. Columns are found by name; a missing column
   * is NA, except {@code size} and {@code mtime}, which must be there.
   */
  public static List<FileInfo> rows(RValue frame, String what) throws RdsException {
    if (!(frame instanceof RValue.ListVec df) || !hasClass(df, "data.frame")) {
      throw new RdsException(what + ": expected a data frame");
    }
    List<String> rowNames = rowNames(df, what);
    List<String> colNames = strings(df.attributes().get("names"), what + " names");
    int n = rowNames.size();
    RValue[] cols = new RValue[COLUMNS.size()];
    for (int i = 0; i < colNames.size() && i < df.values().size(); i++) {
      int at = COLUMNS.indexOf(colNames.get(i));
      if (at >= 0) {
        cols[at] = df.values().get(i);
        if (length(cols[at]) != n) {
          throw new RdsException(
              what
                  + ": column "
                  + colNames.get(i)
                  + " has "
                  + length(cols[at])
                  + " rows, not "
                  + n);
        }
      }
    }
    if (cols[0] == null || cols[3] == null) {
      throw new RdsException(what + ": a file.info data frame needs columns size and mtime");
    }
    List<FileInfo> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new FileInfo(
              rowNames.get(i),
              dbl(cols[0], i, what),
              cols[1] instanceof RValue.LglVec l ? l.values().get(i) : null,
              integer(cols[2], i),
              dbl(cols[3], i, what),
              cols[4] == null ? null : dbl(cols[4], i, what),
              cols[5] == null ? null : dbl(cols[5], i, what),
              integer(cols[6], i),
              integer(cols[7], i),
              cols[8] instanceof RValue.StrVec s ? s.values().get(i) : null,
              cols[9] instanceof RValue.StrVec s ? s.values().get(i) : null));
    }
    return out;
  }

  static boolean hasClass(RValue v, String cls) {
    return v.attributes().get("class") instanceof RValue.StrVec c && c.values().contains(cls);
  }

  private static List<String> rowNames(RValue.ListVec df, String what) throws RdsException {
    RValue rn = df.attributes().get("row.names");
    if (rn instanceof RValue.StrVec s) {
      for (String x : s.values()) {
        if (x == null) {
          throw new RdsException(what + ": a row name is NA");
        }
      }
      return s.values();
    }
    // Compact automatic row names c(NA, -n), or 1..n: the rows have no file names.
    if (rn instanceof RValue.IntVec i && (i.values().isEmpty() || i.values().get(0) == null)) {
      if (i.values().size() == 2 && i.values().get(1) != null && i.values().get(1) == 0) {
        return List.of();
      }
      if (i.values().isEmpty()) {
        return List.of();
      }
    }
    throw new RdsException(what + ": expected file names as the row names");
  }

  static List<String> strings(RValue v, String what) throws RdsException {
    if (v instanceof RValue.StrVec s) {
      return s.values();
    }
    throw new RdsException(what + ": expected a character vector");
  }

  private static int length(RValue v) {
    if (v instanceof RValue.StrVec s) {
      return s.values().size();
    } else if (v instanceof RValue.IntVec s) {
      return s.values().size();
    } else if (v instanceof RValue.RealVec s) {
      return s.values().size();
    } else if (v instanceof RValue.LglVec s) {
      return s.values().size();
    } else if (v instanceof RValue.ListVec s) {
      return s.values().size();
    }
    return 0;
  }

  private static Double dbl(RValue v, int i, String what) throws RdsException {
    if (v instanceof RValue.RealVec r) {
      return r.values().get(i);
    }
    if (v instanceof RValue.IntVec r) {
      Integer x = r.values().get(i);
      return x == null ? null : x.doubleValue();
    }
    throw new RdsException(what + ": expected a numeric column");
  }

  private static Integer integer(RValue v, int i) {
    if (v instanceof RValue.IntVec r) {
      return r.values().get(i);
    }
    if (v instanceof RValue.RealVec r) {
      Double x = r.values().get(i);
      return x == null ? null : x.intValue();
    }
    return null;
  }
}
