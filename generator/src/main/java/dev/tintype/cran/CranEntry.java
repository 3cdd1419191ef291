package dev.tintype.cran;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.FileName;
import dev.tintype.sync.BadUpstreamException;
import java.util.Locale;
import java.util.regex.Pattern;

/** One upstream PACKAGES record, checked before any of it becomes a path or a URL. */
record CranEntry(
    DcfRecord record, String name, String version, String fileName, String path, String md5) {
  // R's valid_package_name_regexp and valid_package_version_regexp.
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]");
  private static final Pattern VERSION = Pattern.compile("[0-9]+([.-][0-9]+)+");
  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

  /** Where the file sits below upstream's {@code src/contrib/}. */
  String upstreamRelative() {
    return path == null ? fileName : path + "/" + fileName;
  }

  String describe() {
    return name + " " + version + " (src/contrib/" + upstreamRelative() + ")";
  }

  static CranEntry of(DcfRecord r, String source, int index) throws BadUpstreamException {
    String where = source + " record " + (index + 1);
    String name = r.get("Package").orElse(null);
    if (name == null) {
      throw new BadUpstreamException(where + ": no Package field; refused");
    }
    where = where + " (Package '" + FileName.printable(name) + "')";
    if (!NAME.matcher(name).matches()) {
      throw new BadUpstreamException(
          where + ": refused: not a valid R package name (expected " + NAME.pattern() + ")");
    }
    String version = r.get("Version").orElse(null);
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new BadUpstreamException(
          where
              + ": refused: Version '"
              + FileName.printable(version)
              + "' is not a valid R package version");
    }
    String file = r.get("File").orElse(name + "_" + version + ".tar.gz");
    if (FileName.problem(file) != null) {
      throw new BadUpstreamException(
          where + ": refused: File '" + FileName.printable(file) + "': " + FileName.problem(file));
    }
    String path = r.get("Path").map(String::strip).orElse(null);
    if (path != null) {
      if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
        throw new BadUpstreamException(
            where + ": refused: Path '" + FileName.printable(path) + "' is not a relative dir");
      }
      for (String seg : path.split("/", -1)) {
        if (!PATH_SEGMENT.matcher(seg).matches() || seg.contains("..")) {
          throw new BadUpstreamException(
              where
                  + ": refused: Path '"
                  + FileName.printable(path)
                  + "' has a bad segment '"
                  + FileName.printable(seg)
                  + "'");
        }
      }
    }
    String md5 = r.get("MD5sum").orElse(null);
    if (md5 != null) {
      if (!MD5.matcher(md5).matches()) {
        throw new BadUpstreamException(
            where + ": refused: MD5sum '" + FileName.printable(md5) + "' is not 32 hex digits");
      }
      md5 = md5.toLowerCase(Locale.ROOT);
    }
    return new CranEntry(r, name, version, file, path, md5);
  }
}
