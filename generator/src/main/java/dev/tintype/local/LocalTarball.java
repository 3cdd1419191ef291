package dev.tintype.local;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Sha256;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One R source tarball of a local directory, read and checked: where it is, its bytes' digests, and
 * its index record as {@code tools::write_PACKAGES} writes it (without {@code Path}).
 *
 * @param relative its path below the directory, '/'-separated, for messages
 * @param fileName {@code <Package>_<Version>.tar.gz}
 */
record LocalTarball(
    String relative,
    Path file,
    String fileName,
    String name,
    String version,
    Sha256 sha256,
    String md5,
    long size,
    DcfRecord record) {
  LocalTarball {
    Objects.requireNonNull(relative, "relative");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(record, "record");
    if (!fileName.equals(name + "_" + version + ".tar.gz")) {
      throw new IllegalArgumentException(relative + ": file name and package disagree");
    }
  }
}
