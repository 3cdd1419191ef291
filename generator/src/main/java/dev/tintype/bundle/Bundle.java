package dev.tintype.bundle;

import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bundle on disk: a directory of tar chunks and the table of contents that describes them.
 * Opening one reads and checks the table of contents; the chunks are checked when they are read.
 */
public final class Bundle {
  /** The table of contents' file name inside a bundle directory. */
  public static final String TOC_FILE = "tintype-bundle.json";

  /** The SSHSIG signature of the table of contents, which covers every chunk through its sha256. */
  public static final String SIGNATURE_FILE = TOC_FILE + ".sig";

  private final Path dir;
  private final Toc toc;
  private final String tocSha256;
  private final Map<String, Integer> index;
  private final Keys.Kind[] kinds;
  private final int manifest;

  private Bundle(Path dir, Toc toc, String tocSha256) throws BadBundleException {
    this.dir = dir;
    this.toc = toc;
    this.tocSha256 = tocSha256;
    List<Toc.BundleFile> files = toc.files();
    this.index = new HashMap<>(files.size() * 2);
    this.kinds = new Keys.Kind[files.size()];
    int manifestAt = -1;
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i).path();
      kinds[i] = Keys.kind(path, toc.repoName(), toc.snapshotDate());
      if (index.put(path, i) != null) {
        throw bad("lists '" + path + "' twice");
      }
      if (kinds[i] == Keys.Kind.MANIFEST) {
        manifestAt = i;
      }
    }
    if (manifestAt < 0) {
      throw bad("does not carry the snapshot's manifest");
    }
    this.manifest = manifestAt;
    checkChunks();
  }

  /** Opens the bundle in {@code dir}, reading and checking its table of contents. */
  public static Bundle open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no bundle directory");
    }
    Path tocFile = dir.resolve(TOC_FILE);
    if (!Files.isRegularFile(tocFile)) {
      throw new BadBundleException(
          ExportDir.isUnfinished(dir)
              ? "%s holds no %s but %s: its export did not finish; rerun the export into it"
                  .formatted(dir, TOC_FILE, ExportDir.PARTIAL)
              : "%s holds no %s: not a bundle, or its export did not finish"
                  .formatted(dir, TOC_FILE));
    }
    MessageDigest sha = Sha256.newDigest();
    Toc toc;
    try (InputStream in = new DigestInputStream(Files.newInputStream(tocFile), sha)) {
      toc =
          TocJson.read(
              new FilterInputStream(in) {
                @Override
                public void close() {
                  // the digest needs the rest of the file after the parser is done
                }
              },
              tocFile.toString());
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return new Bundle(dir, toc, Sha256.of(sha.digest()).hex());
  }

  static Bundle of(Path dir, Toc toc, String tocSha256) throws BadBundleException {
    return new Bundle(dir, toc, tocSha256);
  }

  public Path dir() {
    return dir;
  }

  public Toc toc() {
    return toc;
  }

  /** The sha256 of {@code tintype-bundle.json}, to compare with one carried separately. */
  public String tocSha256() {
    return tocSha256;
  }

  /** {@code <repo>/<date>}, and {@code since <base>} for an incremental bundle. */
  public String describe() {
    return toc.repo()
        + "/"
        + toc.date()
        + Optional.ofNullable(toc.base()).map(b -> " (since " + b + ")").orElse("");
  }

  Path chunkPath(Toc.Chunk c) {
    return dir.resolve(c.name());
  }

  int indexOf(String path) {
    Integer i = index.get(path);
    if (i == null) {
      throw new IllegalArgumentException(path + " is not in the bundle");
    }
    return i;
  }

  Optional<Toc.BundleFile> file(String path) {
    Integer i = index.get(path);
    return i == null ? Optional.empty() : Optional.of(toc.files().get(i));
  }

  Keys.Kind kind(int file) {
    return kinds[file];
  }

  int manifestIndex() {
    return manifest;
  }

  /**
   * Chunks are numbered from 1 without gaps and smaller than the chunk size; entries name listed
   * files; each file's pieces are consecutive, in order, and cover it exactly once.
   */
  private void checkChunks() throws BadBundleException {
    long[] covered = new long[kinds.length];
    Set<Integer> done = new HashSet<>();
    int current = -1;
    List<Toc.Chunk> chunks = toc.chunks();
    for (int c = 0; c < chunks.size(); c++) {
      Toc.Chunk chunk = chunks.get(c);
      if (!chunk.name().equals(chunkName(c + 1))) {
        throw bad(
            "names chunk %d '%s', expected %s".formatted(c + 1, chunk.name(), chunkName(c + 1)));
      }
      if (chunk.size() >= toc.chunkSize()) {
        throw bad(
            "%s is %d bytes, not below %d".formatted(chunk.name(), chunk.size(), toc.chunkSize()));
      }
      long data = 0;
      for (Toc.Entry e : chunk.entries()) {
        data = Math.addExact(data, e.length());
        if (data > chunk.size()) {
          throw bad("%s lists more data than its %d bytes".formatted(chunk.name(), chunk.size()));
        }
        Integer f = index.get(e.path());
        if (f == null) {
          throw bad(
              "%s holds '%s', an unlisted file"
                  .formatted(chunk.name(), FileName.printable(e.path())));
        }
        if (f != current) {
          if (current >= 0) {
            requireCovered(current, covered[current]);
            done.add(current);
          }
          if (done.contains(f)) {
            throw bad("splits '" + e.path() + "' into pieces that are not consecutive");
          }
          current = f;
        } else if (e.length() == 0) {
          throw bad("has an empty continuation piece of '" + e.path() + "'");
        }
        if (e.offset() != covered[f]) {
          throw bad(
              "%s holds '%s' from offset %d, expected %d"
                  .formatted(chunk.name(), e.path(), e.offset(), covered[f]));
        }
        covered[f] = Math.addExact(covered[f], e.length());
      }
    }
    if (current >= 0) {
      requireCovered(current, covered[current]);
      done.add(current);
    }
    if (done.size() != kinds.length) {
      for (int i = 0; i < kinds.length; i++) {
        if (!done.contains(i)) {
          throw bad("lists '" + toc.files().get(i).path() + "' but no chunk holds it");
        }
      }
    }
  }

  private void requireCovered(int f, long covered) throws BadBundleException {
    Toc.BundleFile file = toc.files().get(f);
    if (covered != file.size()) {
      throw bad(
          "holds %d bytes of '%s', which has %d".formatted(covered, file.path(), file.size()));
    }
  }

  private BadBundleException bad(String what) {
    return new BadBundleException("bundle %s of %s %s".formatted(dir, describe(), what));
  }

  static String chunkName(int n) {
    return String.format(java.util.Locale.ROOT, "chunk-%04d.tar", n);
  }
}
