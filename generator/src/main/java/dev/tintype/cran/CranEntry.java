package dev.tintype.cran;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Layout;
import dev.tintype.sync.BadUpstreamException;
import java.util.Locale;

/** One upstream PACKAGES record, checked before any of it becomes a path or a URL. */
record CranEntry(
    DcfRecord record,
    String name,
    String version,
    String fileName,
    String path,
    String md5,
    String contrib) {
  // R's valid_package_name_regexp; the checks below are hand-written forms of these patterns
  // (a CRAN index has tens of thousands of records).
  static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]";

  /** Where the file sits below the upstream contrib dir. */
  String upstreamRelative() {
    return path == null ? fileName : path + "/" + fileName;
  }

  String describe() {
    return name + " " + version + " (" + contrib + "/" + upstreamRelative() + ")";
  }

  /** A record of CRAN's {@code src/contrib} index. */
  static CranEntry of(DcfRecord r, String source, int index) throws BadUpstreamException {
    return of(r, source, index, Layout.CRAN_CONTRIB);
  }

  /**
   * A record of the index {@code source} of the contrib dir {@code contrib} (relative to the
   * snapshot, for messages).
   */
  static CranEntry of(DcfRecord r, String source, int index, String contrib)
      throws BadUpstreamException {
    return of(r, source, index, contrib, PackageKind.SOURCE);
  }

  /** As {@link #of(DcfRecord, String, int, String)}, for a contrib dir of {@code kind} files. */
  static CranEntry of(DcfRecord r, String source, int index, String contrib, PackageKind kind)
      throws BadUpstreamException {
    String name = r.fields().get("Package");
    if (name == null) {
      throw new BadUpstreamException(where(source, index, null) + ": no Package field; refused");
    }
    if (!isName(name)) {
      throw new BadUpstreamException(
          where(source, index, name)
              + ": refused: not a valid R package name (expected "
              + NAME_PATTERN
              + ")");
    }
    String version = r.fields().get("Version");
    if (version == null || !isVersion(version)) {
      throw new BadUpstreamException(
          where(source, index, name)
              + ": refused: Version '"
              + FileName.printable(version)
              + "' is not a valid R package version");
    }
    String file = r.fields().get("File");
    if (file == null) {
      file = name + "_" + version + kind.extension();
    }
    if (FileName.problem(file) != null) {
      throw new BadUpstreamException(
          where(source, index, name)
              + ": refused: File '"
              + FileName.printable(file)
              + "': "
              + FileName.problem(file));
    }
    String path = r.fields().get("Path");
    if (path != null) {
      path = path.strip();
      if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
        throw new BadUpstreamException(
            where(source, index, name)
                + ": refused: Path '"
                + FileName.printable(path)
                + "' is not a relative dir");
      }
      for (String seg : path.split("/", -1)) {
        if (!isPathSegment(seg) || seg.contains("..")) {
          throw new BadUpstreamException(
              where(source, index, name)
                  + ": refused: Path '"
                  + FileName.printable(path)
                  + "' has a bad segment '"
                  + FileName.printable(seg)
                  + "'");
        }
      }
    }
    String md5 = r.fields().get("MD5sum");
    if (md5 != null) {
      if (!isMd5(md5)) {
        throw new BadUpstreamException(
            where(source, index, name)
                + ": refused: MD5sum '"
                + FileName.printable(md5)
                + "' is not 32 hex digits");
      }
      md5 = md5.toLowerCase(Locale.ROOT);
    }
    return new CranEntry(r, name, version, file, path, md5, contrib);
  }

  private static String where(String source, int index, String name) {
    String where = source + " record " + (index + 1);
    return name == null ? where : where + " (Package '" + FileName.printable(name) + "')";
  }

  /** {@code [A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]}. */
  static boolean isName(String s) {
    int n = s.length();
    if (n < 2 || !isLetter(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** R's valid_package_version_regexp, {@code [0-9]+([.-][0-9]+)+}. */
  static boolean isVersion(String s) {
    int groups = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        digits++;
      } else if ((c == '.' || c == '-') && digits > 0) {
        groups++;
        digits = 0;
      } else {
        return false;
      }
    }
    return digits > 0 && groups >= 1;
  }

  /** {@code [A-Za-z0-9][A-Za-z0-9._+-]*}. */
  static boolean isPathSegment(String s) {
    if (s.isEmpty() || !isAlnum(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code [0-9a-fA-F]{32}}. */
  static boolean isMd5(String s) {
    if (s.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }
}
