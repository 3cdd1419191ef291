package dev.tintype.local;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.index.RVersion;
import dev.tintype.index.SourceIndex;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds and reads the R source tarballs of a local directory, checking each one, and refuses the
 * directory, naming every bad file, if any is not a well-formed R package.
 *
 * <p>The directory is read with its subdirectories (hidden ones, whose name starts with '.', are
 * left out, as are hidden files); a file counts when R's {@code write_PACKAGES} would take its name
 * for a source tarball. Symbolic links are not followed (a warning names them), so nothing outside
 * the directory is ever read.
 */
final class LocalTarballs {
  // R's .standard_regexps()$valid_package_name, whole.
  private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]");
  private static final int MAX_LISTED = 20;

  private LocalTarballs() {}

  /**
   * The tarballs below {@code dir} that read and check well, in order of relative path, and what is
   * wrong with each of the others.
   */
  record Scan(List<LocalTarball> tarballs, List<String> problems) {}

  /** Reads and checks every tarball below {@code dir}. */
  static Scan read(MirrorContext ctx, Path dir) throws IOException {
    List<Path> files = find(ctx, dir);
    Map<Path, Read> read =
        ParallelFetch.run(ctx, Phase.READ, files, p -> relative(dir, p), p -> readOne(dir, p));
    List<LocalTarball> out = new ArrayList<>(files.size());
    List<String> problems = new ArrayList<>();
    for (Path p : files) {
      Read r = read.get(p);
      if (r.problem() != null) {
        problems.add(r.problem());
      } else {
        out.add(r.tarball());
      }
    }
    return new Scan(out, problems);
  }

  /** The files below {@code dir} whose names R takes for source tarballs, sorted by path. */
  static List<Path> find(MirrorContext ctx, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new BadUpstreamException(
          dir
              + ": no such directory (the path of repository "
              + ctx.repo().name().name()
              + "; expected a directory of R source tarballs)",
          Files.exists(dir) ? new NotDirectoryException(dir.toString()) : null);
    }
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return !d.equals(dir) && hidden(d)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            String name = f.getFileName().toString();
            if (!SourceIndex.isSourceTarballName(name)) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
              found.add(f);
            } else if (attrs.isSymbolicLink()) {
              ctx.warn(relative(dir, f) + ": a symbolic link; not followed, left out");
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(p -> relative(dir, p)));
    return found;
  }

  private static boolean hidden(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  static String relative(Path dir, Path file) {
    List<String> parts = new ArrayList<>();
    dir.relativize(file).forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  /** A tarball read, or why it is refused: every file is read, so all problems show at once. */
  private record Read(LocalTarball tarball, String problem) {}

  private static Read readOne(Path dir, Path file) throws IOException {
    String relative = relative(dir, file);
    String fileName = file.getFileName().toString();
    Hashing hashed;
    try {
      hashed = new Hashing(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      return new Read(null, relative + ": vanished while the directory was read");
    }
    SourceIndex.Tarball t;
    try (hashed) {
      t = SourceIndex.readTarball(hashed, fileName);
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      if (m.startsWith(fileName + ": ")) {
        m = m.substring(fileName.length() + 2);
      }
      return new Read(null, relative + ": " + m + "; not an R source package");
    }
    String problem = check(t.description(), fileName);
    if (problem != null) {
      return new Read(null, relative + ": " + problem);
    }
    DcfRecord d = t.description();
    return new Read(
        new LocalTarball(
            relative,
            file,
            fileName,
            d.require("Package"),
            d.require("Version"),
            hashed.sha256(),
            t.md5(),
            hashed.count,
            t.record()),
        null);
  }

  /** What is wrong with a DESCRIPTION for a file of this name, or null. */
  static String check(DcfRecord description, String fileName) {
    String pkg = description.get("Package").orElse(null);
    String version = description.get("Version").orElse(null);
    if (pkg == null || !PACKAGE_NAME.matcher(pkg).matches()) {
      return "its DESCRIPTION has Package '"
          + FileName.printable(pkg)
          + "', not a valid R package name (expected "
          + PACKAGE_NAME.pattern()
          + ")";
    }
    if (version == null) {
      return "its DESCRIPTION has no Version field";
    }
    if (!RVersion.isValid(version) || !version.equals(version.strip())) {
      return "its DESCRIPTION has Version '"
          + FileName.printable(version)
          + "', not a valid R package version (numbers separated by '.' or '-', at least two)";
    }
    String expected = pkg + "_" + version + ".tar.gz";
    if (!fileName.equals(expected)) {
      return "its DESCRIPTION says Package '"
          + pkg
          + "' Version '"
          + version
          + "', so the file should be named "
          + expected
          + " (R downloads it by that name)";
    }
    return null;
  }

  static BadUpstreamException refused(Path dir, List<String> problems) {
    StringBuilder m = new StringBuilder();
    m.append(dir)
        .append(": ")
        .append(problems.size())
        .append(problems.size() == 1 ? " file is" : " files are")
        .append(" refused, so nothing is published:");
    for (String p : problems.subList(0, Math.min(problems.size(), MAX_LISTED))) {
      m.append("\n  ").append(p);
    }
    if (problems.size() > MAX_LISTED) {
      m.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
    }
    return new BadUpstreamException(m.toString());
  }

  /**
   * Hashes and counts every byte that passes, skipped ones too, so the sha256 and size are those of
   * the whole file the index record was read from.
   */
  static final class Hashing extends FilterInputStream {
    private final MessageDigest sha = Sha256.newDigest();
    long count;

    Hashing(InputStream in) {
      super(in);
    }

    Sha256 sha256() {
      return Sha256.of(sha.digest());
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        sha.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        sha.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      return Math.max(read(buf, 0, buf.length), 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
