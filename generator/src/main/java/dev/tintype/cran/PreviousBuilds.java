package dev.tintype.cran;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.PreviousSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The binaries of each binary contrib dir that the previous snapshot holds, by file name and {@code
 * Built} line. Binary indexes often have no MD5sum (macOS ones never do), and without one the only
 * other way to tell an unchanged binary from a rebuild of the same version is to download it, every
 * night, for thousands of files. R stamps every build with its time in {@code Built}, so a record
 * whose file name and {@code Built} match the previous snapshot's is that same file.
 */
final class PreviousBuilds {
  private final MirrorContext ctx;

  PreviousBuilds(MirrorContext ctx) {
    this.ctx = ctx;
  }

  /** Keys from {@link #key}, read from the previous snapshot's own index of {@code loc}. */
  Map<String, FileEntry> of(ContribLocation loc) throws IOException {
    Map<String, FileEntry> out = new HashMap<>();
    Optional<PreviousSnapshot> previous = ctx.previous();
    if (previous.isEmpty() || loc.kind() == PackageKind.SOURCE) {
      return out;
    }
    PreviousSnapshot m = previous.get();
    String index = m.key(loc.dir() + "/PACKAGES");
    try (InputStream in = ctx.storage().open(index)) {
      for (DcfRecord r : Dcf.read(in, index)) {
        Optional<String> built = r.get("Built");
        Optional<String> path = r.get("Path");
        if (built.isEmpty() || path.isEmpty()) {
          continue;
        }
        String fileName =
            r.get("File")
                .orElse(r.require("Package") + "_" + r.require("Version") + loc.kind().extension());
        FileEntry f = m.poolFile(path.get().replaceFirst("^(\\.\\./)+", "") + "/" + fileName);
        if (f != null) {
          out.put(key(fileName, built.get()), f);
        }
      }
    } catch (NoSuchFileException e) {
      // The previous snapshot did not mirror this dir.
    }
    return out;
  }

  static String key(String fileName, String built) {
    return fileName + "\0Built " + built;
  }
}
