package dev.tintype.index;

import dev.tintype.format.cran.PackagesIndex;
import dev.tintype.format.dcf.DcfRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Indexes a local directory of R source tarballs as {@code tools::write_PACKAGES(dir, type =
 * "source")} does, and writes its {@code PACKAGES}, {@code PACKAGES.gz} and {@code PACKAGES.rds}.
 *
 * <p>As in R: the files are those whose name matches {@code _.*\.tar\.[^_]*$}; each record is the
 * tarball's DESCRIPTION reduced to the standard fields, with its MD5sum, NeedsCompilation from the
 * presence of {@code <pkg>/src/} when the DESCRIPTION lacks it, and License standardized (NA where
 * R cannot standardize it); of several versions of a package only the newest is kept; a tarball
 * that cannot be read is skipped and reported. Unlike R, records are sorted by package name
 * whatever the locale, {@code PACKAGES.rds} is gzip- rather than xz-compressed, and an empty
 * directory gets empty indexes rather than keeping stale ones.
 *
 * <p>Tarballs are read in parallel on the injected executor, each in one streaming pass.
 */
public final class SourceIndex {
  private static final Pattern SOURCE_TARBALL = Pattern.compile("_.*\\.tar\\.[^_]*$");
  private static final Comparator<DcfRecord> BY_PACKAGE =
      Comparator.comparing((DcfRecord r) -> r.require("Package"), String.CASE_INSENSITIVE_ORDER)
          .thenComparing(r -> r.require("Package"));

  private final ExecutorService executor;

  public SourceIndex(ExecutorService executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** A file left out of the index, and why. */
  public record Skipped(String file, String reason) {}

  /** The index records, sorted by package, and the files left out. */
  public record Result(List<DcfRecord> records, List<Skipped> skipped) {
    public Result {
      records = List.copyOf(records);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * One source tarball as {@link #read} sees it: its DESCRIPTION as written, its index record as
   * write_PACKAGES makes it (standard fields, MD5sum, NeedsCompilation, standardized License), and
   * its MD5.
   */
  public record Tarball(DcfRecord description, DcfRecord record, String md5) {}

  /**
   * Reads one source tarball named {@code fileName} from {@code in}, to its end, and closes it.
   * Throws an IOException naming the file when R's write_PACKAGES would skip it (not gzip or bzip2,
   * not a tar, no {@code <pkg>/DESCRIPTION} where {@code pkg} is the name up to its first '_', no
   * Package field).
   */
  public static Tarball readTarball(InputStream in, String fileName) throws IOException {
    if (fileName.indexOf('_') < 1) {
      throw new IOException(fileName + ": not named <package>_<version>.tar.gz");
    }
    TarballReader.Contents c = TarballReader.read(in, fileName);
    return new Tarball(c.description(), withStandardLicense(record(c)), c.md5());
  }

  /** Whether R's write_PACKAGES takes a file of this name for a source tarball. */
  public static boolean isSourceTarballName(String fileName) {
    return !fileName.startsWith(".") && SOURCE_TARBALL.matcher(fileName).find();
  }

  /** Reads the tarballs in {@code dir} and makes the index records; writes nothing. */
  public Result read(Path dir) throws IOException {
    List<Path> files = tarballs(dir);
    List<Future<TarballReader.Contents>> reads = new ArrayList<>(files.size());
    try {
      for (Path f : files) {
        reads.add(executor.submit(() -> TarballReader.read(f)));
      }
      List<Skipped> skipped = new ArrayList<>();
      Map<String, DcfRecord> newest = new LinkedHashMap<>();
      for (int i = 0; i < files.size(); i++) {
        String file = files.get(i).getFileName().toString();
        TarballReader.Contents c;
        try {
          c = reads.get(i).get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            skipped.add(new Skipped(file, io.getMessage() + "; skipped"));
            continue;
          }
          throw new IOException(file + ": reading it failed: " + e.getCause(), e.getCause());
        }
        keepNewest(newest, record(c), file, skipped);
      }
      List<DcfRecord> records = new ArrayList<>(newest.size());
      for (DcfRecord r : newest.values()) {
        records.add(withStandardLicense(r));
      }
      records.sort(BY_PACKAGE);
      return new Result(records, skipped);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the tarballs of " + dir);
    } finally {
      reads.forEach(f -> f.cancel(true));
    }
  }

  /**
   * {@link #read}, then replaces the three index files in {@code dir}, each atomically, written
   * side by side on the executor.
   */
  public Result write(Path dir) throws IOException {
    Result result = read(dir);
    List<DcfRecord> records = result.records();
    List<Future<Void>> writes =
        List.of(
            executor.submit(() -> writeText(dir, records)),
            executor.submit(
                () ->
                    replace(
                        dir.resolve("PACKAGES.rds"),
                        o -> PackagesIndex.writePackagesRds(records, o))));
    try {
      for (Future<Void> w : writes) {
        w.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the indexes of " + dir);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("writing the indexes of " + dir + " failed: " + e.getCause(), e);
    } finally {
      writes.forEach(w -> w.cancel(true));
    }
    return result;
  }

  private static List<Path> tarballs(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (isSourceTarballName(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.add(p);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new NoSuchFileException(dir.toString(), null, "expected a directory of R tarballs");
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return files;
  }

  private static DcfRecord record(TarballReader.Contents c) {
    DcfRecord r = PackagesIndex.recordFor(c.description(), c.md5());
    // R fills in NeedsCompilation only where the DESCRIPTION has no such field at all.
    if (c.description().get("NeedsCompilation").isEmpty()) {
      r = r.with("NeedsCompilation", c.hasSrcDir() ? "yes" : "no");
    }
    return r;
  }

  /** R's {@code .remove_stale_dups}: the highest version wins; among equals, the first file. */
  private static void keepNewest(
      Map<String, DcfRecord> newest, DcfRecord r, String file, List<Skipped> skipped) {
    String pkg = r.require("Package");
    DcfRecord seen = newest.get(pkg);
    if (seen == null) {
      newest.put(pkg, r);
      return;
    }
    String a = seen.get("Version").orElse(null);
    String b = r.get("Version").orElse(null);
    if (!RVersion.isValid(b)) {
      skipped.add(new Skipped(file, file + ": Version '" + b + "' is not an R version; skipped"));
    } else if (!RVersion.isValid(a) || RVersion.compare(b, a) > 0) {
      newest.put(pkg, r);
    }
  }

  private static DcfRecord withStandardLicense(DcfRecord r) {
    String license = r.get("License").orElse(null);
    if (license == null) {
      return r;
    }
    return Licenses.standardize(license)
        .map(l -> l.equals(license) ? r : r.with("License", l))
        .orElseGet(() -> r.without("License"));
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** PACKAGES and PACKAGES.gz, from one formatting pass. */
  private static Void writeText(Path dir, List<DcfRecord> records) throws IOException {
    Path gz = dir.resolve("PACKAGES.gz");
    Path gzTmp = gz.resolveSibling(".PACKAGES.gz.tmp-" + UUID.randomUUID());
    try {
      replace(
          dir.resolve("PACKAGES"),
          text -> {
            try (OutputStream g = new BufferedOutputStream(Files.newOutputStream(gzTmp))) {
              PackagesIndex.writePackagesAndGz(records, text, g);
            }
          });
      Files.move(gzTmp, gz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return null;
    } finally {
      Files.deleteIfExists(gzTmp);
    }
  }

  private static Void replace(Path target, Writer writer) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
        writer.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return null;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
