package dev.tintype.cran;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-made package archives for the hostile cases the fixtures cannot build honestly. */
final class PkgFiles {
  private PkgFiles() {}

  /** The files of an installed package: a DESCRIPTION with Built, and its R code. */
  static Map<String, byte[]> installed(String name, String version) {
    Map<String, byte[]> files = source(name, version);
    files.put(
        name + "/DESCRIPTION",
        ("Package: "
                + name
                + "\nVersion: "
                + version
                + "\nBuilt: R 4.4.1; ; 2024-06-14 12:00:00 UTC; windows\n")
            .getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** A source package's files: no Built. */
  static Map<String, byte[]> source(String name, String version) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        name + "/DESCRIPTION",
        ("Package: " + name + "\nVersion: " + version + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(name + "/R/" + name, "f <- function() 1\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** A zip of exactly these entries, in this order, names as given. */
  static byte[] rawZip(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An installed package's tgz with a symlink {@code <name>/data} to {@code target}. */
  static byte[] tgzWithLink(String name, String version, String target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (Map.Entry<String, byte[]> f : installed(name, version).entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      TarArchiveEntry link = new TarArchiveEntry(name + "/data", TarConstants.LF_SYMLINK);
      link.setLinkName(target);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
