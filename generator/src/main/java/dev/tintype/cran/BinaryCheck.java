package dev.tintype.cran;

import dev.tintype.fetch.LimitedInputStream;
import dev.tintype.fetch.Limits;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.FileName;
import dev.tintype.sync.BadUpstreamException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks a binary package (a Windows {@code .zip} or a macOS {@code .tgz}) before it enters the
 * pool: every entry stays inside {@code <pkg>/} (no absolute paths, no {@code ..}, no link out),
 * and its {@code <pkg>/DESCRIPTION} names the record's Package and Version and has the {@code
 * Built:} line R writes on installation. Upstream binary indexes often have no MD5sum, so this is
 * what ties the file to its record. What is read is bounded: a zip's declared contents and a tgz's
 * decompressed stream by {@code limits.max-index-size}, a DESCRIPTION by 1 MiB.
 */
final class BinaryCheck {
  static final String LIMIT_KEY = "limits.max-index-size";
  private static final int MAX_DESCRIPTION = 1 << 20;

  private BinaryCheck() {}

  static void check(Path file, CranEntry e, PackageKind kind, Limits limits) throws IOException {
    byte[] description;
    try {
      description = kind == PackageKind.WINDOWS ? zip(file, e, limits) : tgz(file, e, limits);
    } catch (BadUpstreamException x) {
      throw x;
    } catch (TooLargeException x) {
      throw new BadUpstreamException(
          e.describe()
              + ": expands to more than "
              + limits.maxIndexBytes()
              + " bytes ("
              + LIMIT_KEY
              + "), a decompression bomb?; refused",
          x);
    } catch (IOException | IllegalArgumentException x) {
      throw new BadUpstreamException(
          e.describe()
              + ": not a readable "
              + kind.extension()
              + " ("
              + x.getMessage()
              + "); refused",
          x);
    }
    if (description == null) {
      throw new BadUpstreamException(
          e.describe() + ": the binary has no " + e.name() + "/DESCRIPTION; refused");
    }
    List<DcfRecord> recs =
        Dcf.read(new ByteArrayInputStream(description), e.describe() + " DESCRIPTION");
    DcfRecord d = recs.isEmpty() ? null : recs.get(0);
    String pkg = d == null ? null : d.get("Package").orElse(null);
    String ver = d == null ? null : d.get("Version").orElse(null);
    if (!e.name().equals(pkg) || !e.version().equals(ver)) {
      throw new BadUpstreamException(
          e.describe()
              + ": the binary's DESCRIPTION says Package '"
              + FileName.printable(pkg)
              + "' Version '"
              + FileName.printable(ver)
              + "', but the index says '"
              + e.name()
              + "' '"
              + e.version()
              + "'; refused");
    }
    if (d.get("Built").filter(b -> !b.isBlank()).isEmpty()) {
      throw new BadUpstreamException(
          e.describe()
              + ": the binary's DESCRIPTION has no Built field, so it is not an installed"
              + " package; refused");
    }
  }

  /** The DESCRIPTION of a zip, read through its central directory without inflating the rest. */
  private static byte[] zip(Path file, CranEntry e, Limits limits) throws IOException {
    String wanted = e.name() + "/DESCRIPTION";
    byte[] description = null;
    long declared = 0;
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      for (Enumeration<ZipArchiveEntry> it = zip.getEntries(); it.hasMoreElements(); ) {
        ZipArchiveEntry z = it.nextElement();
        requireInside(z.getName(), e);
        declared += Math.max(0, z.getSize());
        if (declared > limits.maxIndexBytes()) {
          throw new TooLargeException(e.describe() + ": declared contents too large");
        }
        if (description == null && z.getName().equals(wanted) && !z.isDirectory()) {
          try (InputStream in = zip.getInputStream(z)) {
            description = bounded(in, e);
          }
        }
      }
    }
    return description;
  }

  /** The DESCRIPTION of a tgz, after checking every entry (the whole stream, bounded). */
  private static byte[] tgz(Path file, CranEntry e, Limits limits) throws IOException {
    String wanted = e.name() + "/DESCRIPTION";
    byte[] description = null;
    try (InputStream raw = Files.newInputStream(file);
        GzipCompressorInputStream gz = new GzipCompressorInputStream(raw, true);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(
                new LimitedInputStream(gz, limits.maxIndexBytes(), e.describe(), LIMIT_KEY))) {
      for (TarArchiveEntry t = tar.getNextEntry(); t != null; t = tar.getNextEntry()) {
        String name = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
        requireInside(name, e);
        if (t.isSymbolicLink()) {
          requireLinkInside(name, t.getLinkName(), e);
        } else if (t.isLink()) {
          requireInside(t.getLinkName(), e);
        }
        if (description == null && name.equals(wanted) && t.isFile()) {
          description = bounded(tar, e);
        }
      }
    }
    return description;
  }

  private static byte[] bounded(InputStream in, CranEntry e) throws IOException {
    byte[] b = in.readNBytes(MAX_DESCRIPTION + 1);
    if (b.length > MAX_DESCRIPTION) {
      throw new BadUpstreamException(
          e.describe() + ": DESCRIPTION is over " + MAX_DESCRIPTION + " bytes; refused");
    }
    return b;
  }

  /** Refuses an entry that would land outside {@code <pkg>/} when unpacked. */
  static void requireInside(String name, CranEntry e) throws BadUpstreamException {
    String problem = outside(name, e.name());
    if (problem != null) {
      throw new BadUpstreamException(
          e.describe() + ": entry '" + FileName.printable(name) + "' " + problem + "; refused");
    }
  }

  private static void requireLinkInside(String name, String target, CranEntry e)
      throws BadUpstreamException {
    String t = target.replace('\\', '/');
    boolean bad = t.isEmpty() || t.startsWith("/") || hasDrive(t);
    if (!bad) {
      // Resolved from the link's own dir, it must stay below <pkg>/.
      Deque<String> at = new ArrayDeque<>(List.of(name.replace('\\', '/').split("/")));
      at.removeLast();
      for (String seg : t.split("/")) {
        if (seg.equals("..")) {
          at.pollLast();
          bad |= at.isEmpty();
        } else if (!seg.isEmpty() && !seg.equals(".")) {
          at.addLast(seg);
        }
      }
    }
    if (bad) {
      throw new BadUpstreamException(
          e.describe()
              + ": link '"
              + FileName.printable(name)
              + "' points outside "
              + e.name()
              + "/ (to '"
              + FileName.printable(target)
              + "'); refused");
    }
  }

  /** Why {@code name} is not a path below {@code pkg/}, or null. */
  static String outside(String name, String pkg) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || hasDrive(n)) {
      return "is an absolute path";
    }
    String[] segs = n.split("/", -1);
    for (String s : segs) {
      if (s.equals("..")) {
        return "leads out of the library with '..'";
      }
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < 0x20) {
          return "has a control character";
        }
      }
    }
    if (!segs[0].equals(pkg)) {
      return "is outside " + pkg + "/";
    }
    return null;
  }

  private static boolean hasDrive(String n) {
    return n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0));
  }
}
