package dev.tintype.cran;

import dev.tintype.format.cran.FileInfo;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Layout;
import dev.tintype.sync.BadUpstreamException;

/**
 * One archived version, a row of {@code Meta/archive.rds}, checked before it becomes a path or a
 * URL.
 *
 * @param info the row, named {@code <pkg>/<pkg>_<version>.tar.gz}
 */
record ArchivedFile(String pkg, String version, String fileName, FileInfo info) {

  /**
   * Validates the row {@code info} of package {@code pkg} of the archive read from {@code source}.
   */
  static ArchivedFile of(String pkg, FileInfo info, String source) throws BadUpstreamException {
    String where =
        source + " [" + FileName.printable(pkg) + "] row '" + FileName.printable(info.name()) + "'";
    if (!CranEntry.isName(pkg)) {
      throw new BadUpstreamException(where + ": refused: not a valid R package name");
    }
    String prefix = pkg + "/" + pkg + "_";
    String row = info.name();
    if (!row.startsWith(prefix) || !row.endsWith(".tar.gz")) {
      throw new BadUpstreamException(
          where + ": refused: expected " + pkg + "/" + pkg + "_<version>.tar.gz");
    }
    String fileName = row.substring(pkg.length() + 1);
    String version = row.substring(prefix.length(), row.length() - ".tar.gz".length());
    if (!CranEntry.isVersion(version) || FileName.problem(fileName) != null) {
      throw new BadUpstreamException(
          where + ": refused: '" + FileName.printable(version) + "' is not an R package version");
    }
    if (info.size() != null && (info.size() < 0 || info.size() > (double) Long.MAX_VALUE)) {
      throw new BadUpstreamException(where + ": refused: size " + info.size());
    }
    return new ArchivedFile(pkg, version, fileName, info);
  }

  /** Where it goes in a snapshot: {@code src/contrib/Archive/<pkg>/<file>}. */
  String snapshotPath() {
    return Layout.cranArchiveFile(pkg, fileName);
  }

  /** The upstream path below {@code src/contrib}. */
  String upstreamRelative() {
    return "Archive/" + pkg + "/" + fileName;
  }

  /** An index entry that names it, for the DESCRIPTION check and messages. */
  CranEntry entry() {
    return new CranEntry(
        DcfRecord.of(java.util.Map.of("Package", pkg, "Version", version)),
        pkg,
        version,
        fileName,
        "Archive/" + pkg,
        null,
        Layout.CRAN_CONTRIB);
  }

  /** The size archive.rds gives, or null if NA. */
  Long size() {
    return info.size() == null ? null : info.size().longValue();
  }
}
