package dev.tintype.local;

import dev.tintype.fetch.LimitedInputStream;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.sync.BadUpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The core metadata of a local package file: a wheel's {@code *.dist-info/METADATA} (which becomes
 * its PEP 658 {@code .metadata} file), or an sdist's top-level {@code PKG-INFO}, read within a size
 * cap, and the few header fields tintype uses.
 */
final class LocalPythonMetadata {
  private static final String LIMIT_KEY = "limits.max-page-size";

  private LocalPythonMetadata() {}

  /** The core metadata bytes of a wheel; a message naming the file when it has none. */
  static byte[] ofWheel(Path file, LocalPythonName name, long max) throws IOException {
    List<ZipEntry> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String[] parts = e.getName().split("/", -1);
        if (parts.length == 2 && parts[0].endsWith(".dist-info") && parts[1].equals("METADATA")) {
          found.add(e);
        }
      }
      ZipEntry metadata = pick(found, name);
      try (InputStream in =
          new LimitedInputStream(
              zip.getInputStream(metadata), max, name.fileName() + " METADATA", LIMIT_KEY)) {
        return in.readAllBytes();
      }
    } catch (ZipException e) {
      throw new BadUpstreamException(
          name.fileName()
              + ": expected a wheel (a zip archive), but it cannot be read as one ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The one {@code .dist-info/METADATA}; where several, the one of this name and version. */
  private static ZipEntry pick(List<ZipEntry> found, LocalPythonName name)
      throws BadUpstreamException {
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new BadUpstreamException(
          name.fileName()
              + ": expected a {name}-{version}.dist-info/METADATA in the wheel, found none");
    }
    String expected =
        (name.project().normalized().replace('-', '_') + "-" + name.version() + ".dist-info/")
            .toLowerCase(Locale.ROOT);
    for (ZipEntry e : found) {
      if (e.getName().toLowerCase(Locale.ROOT).startsWith(expected)) {
        return e;
      }
    }
    throw new BadUpstreamException(
        name.fileName()
            + ": expected one .dist-info/METADATA in the wheel, found "
            + found.size()
            + " and none is "
            + expected
            + "METADATA");
  }

  /**
   * The {@code PKG-INFO} at the top of an sdist, if there is one; a message naming the file when it
   * is not a readable archive.
   */
  static Optional<byte[]> ofSdist(Path file, LocalPythonName name, long max) throws IOException {
    boolean zip = name.fileName().toLowerCase(Locale.ROOT).endsWith(".zip");
    try {
      return zip ? zipPkgInfo(file, name, max) : tarPkgInfo(file, name, max);
    } catch (TooLargeException e) {
      throw e;
    } catch (IOException | java.util.zip.ZipError e) {
      throw new BadUpstreamException(
          name.fileName()
              + ": expected "
              + (zip ? "a zip" : "a gzipped tar")
              + " sdist, but it cannot be read ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static Optional<byte[]> tarPkgInfo(Path file, LocalPythonName name, long max)
      throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 65536))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile() && isTopPkgInfo(e.getName())) {
          return Optional.of(
              new LimitedInputStream(tar, max, name.fileName() + " PKG-INFO", LIMIT_KEY)
                  .readAllBytes());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<byte[]> zipPkgInfo(Path file, LocalPythonName name, long max)
      throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory() && isTopPkgInfo(e.getName())) {
          try (InputStream in =
              new LimitedInputStream(
                  zip.getInputStream(e), max, name.fileName() + " PKG-INFO", LIMIT_KEY)) {
            return Optional.of(in.readAllBytes());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isTopPkgInfo(String entry) {
    String n = entry.startsWith("./") ? entry.substring(2) : entry;
    String[] parts = n.split("/", -1);
    return parts.length == 2 && parts[1].equals("PKG-INFO");
  }

  /**
   * The header fields of core metadata (RFC 822 style, up to the first blank line), by lower-case
   * name, the first of each kept; continuation lines are joined.
   */
  static Map<String, String> headers(byte[] metadata) {
    String text = new String(metadata, StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (key != null) {
        out.putIfAbsent(key, value.toString().strip());
      }
      int colon = line.indexOf(':');
      key = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
      value.setLength(0);
      if (key != null) {
        value.append(line.substring(colon + 1));
      }
    }
    if (key != null) {
      out.putIfAbsent(key, value.toString().strip());
    }
    return out;
  }
}
