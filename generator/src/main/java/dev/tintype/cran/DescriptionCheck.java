package dev.tintype.cran;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.sync.BadUpstreamException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Checks that a source tarball's own DESCRIPTION is the package its index record names. */
final class DescriptionCheck {
  private static final int MAX_DESCRIPTION = 1 << 20;

  private DescriptionCheck() {}

  static void check(Path tarball, CranEntry e) throws IOException {
    if (!e.fileName().endsWith(".tar.gz") && !e.fileName().endsWith(".tgz")) {
      return; // binaries are checked by BinaryCheck
    }
    DcfRecord d = read(tarball, e);
    String pkg = d.get("Package").orElse(null);
    String ver = d.get("Version").orElse(null);
    if (!e.name().equals(pkg) || !e.version().equals(ver)) {
      throw new BadUpstreamException(
          e.describe()
              + ": the tarball's DESCRIPTION says Package '"
              + pkg
              + "' Version '"
              + ver
              + "', but the index says '"
              + e.name()
              + "' '"
              + e.version()
              + "'; refused");
    }
  }

  private static DcfRecord read(Path tarball, CranEntry e) throws IOException {
    String wanted = e.name() + "/DESCRIPTION";
    try (InputStream raw = Files.newInputStream(tarball);
        GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String n =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (n.equals(wanted) && entry.isFile()) {
          if (entry.getSize() > MAX_DESCRIPTION) {
            throw new BadUpstreamException(e.describe() + ": DESCRIPTION is implausibly large");
          }
          byte[] bytes = tar.readAllBytes();
          List<DcfRecord> recs =
              Dcf.read(new ByteArrayInputStream(bytes), e.describe() + " DESCRIPTION");
          if (recs.isEmpty()) {
            throw new BadUpstreamException(e.describe() + ": DESCRIPTION is empty");
          }
          return recs.get(0);
        }
      }
    } catch (BadUpstreamException x) {
      throw x;
    } catch (IOException x) {
      throw new BadUpstreamException(
          e.describe() + ": not a readable .tar.gz (" + x.getMessage() + "); refused", x);
    }
    throw new BadUpstreamException(
        e.describe()
            + ": the tarball has no "
            + wanted
            + " (it may hold another package); refused");
  }
}
