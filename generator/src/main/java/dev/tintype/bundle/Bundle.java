package dev.tintype.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bundle on disk: a directory of tar chunks and the table of contents that describes them.
 * Opening one reads and checks the table of contents in one streamed pass ({@link BundleWalk}),
 * keeping its fields, its chunks' names and digests, and its manifest's; the chunks are checked
 * when they are read.
 */
public final class Bundle {
  /** The table of contents' file name inside a bundle directory. */
  public static final String TOC_FILE = "tintype-bundle.json";

  /** The SSHSIG signature of the table of contents, which covers every chunk through its sha256. */
  public static final String SIGNATURE_FILE = TOC_FILE + ".sig";

  private final Path dir;
  private final Toc head;
  private final String tocSha256;
  private final List<TocReader.ChunkHead> chunks;
  private final int files;
  private final long bytes;
  private final Toc.BundleFile manifest;
  private final Toc.BundleFile signature;

  private Bundle(Path dir, TocReader.Head head) throws IOException {
    this.dir = dir;
    this.head = head.toc();
    this.tocSha256 = head.sha256();
    List<TocReader.ChunkHead> found = new ArrayList<>();
    long sum = 0;
    Toc.BundleFile m = null;
    Toc.BundleFile sig = null;
    try (BundleWalk walk = new BundleWalk(dir, dir.resolve(TOC_FILE), this.head)) {
      for (TocReader.ChunkHead c; (c = walk.nextChunk()) != null; ) {
        found.add(c);
        for (BundleWalk.Piece p; (p = walk.nextPiece()) != null; ) {
          if (p.entry().offset() == 0) {
            sum += p.bf().size();
            if (p.kind() == Keys.Kind.MANIFEST) {
              m = p.bf();
            } else if (p.kind() == Keys.Kind.MANIFEST_SIGNATURE) {
              sig = p.bf();
            }
          }
        }
      }
      this.files = walk.files();
    }
    this.chunks = List.copyOf(found);
    this.bytes = sum;
    this.manifest = m;
    this.signature = sig;
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
    return new Bundle(dir, TocReader.head(tocFile));
  }

  public Path dir() {
    return dir;
  }

  /**
   * The table of contents' fields and purges, with empty chunk and file lists: a large bundle lists
   * more than memory should hold.
   */
  public Toc head() {
    return head;
  }

  /**
   * The whole table of contents, read now: for small bundles and tests; an import streams it
   * instead.
   */
  public Toc toc() throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve(TOC_FILE))) {
      return TocJson.read(in, dir.resolve(TOC_FILE).toString());
    }
  }

  /** How many files the bundle carries. */
  public int fileCount() {
    return files;
  }

  /** The sum of the files' sizes. */
  public long bytes() {
    return bytes;
  }

  /** The sha256 of {@code tintype-bundle.json}, to compare with one carried separately. */
  public String tocSha256() {
    return tocSha256;
  }

  /** {@code <repo>/<date>}, and {@code since <base>} for an incremental bundle. */
  public String describe() {
    return describe(head);
  }

  static String describe(Toc toc) {
    return toc.repo()
        + "/"
        + toc.date()
        + Optional.ofNullable(toc.base()).map(b -> " (since " + b + ")").orElse("");
  }

  List<TocReader.ChunkHead> chunks() {
    return chunks;
  }

  Path chunkPath(TocReader.ChunkHead c) {
    return dir.resolve(c.name());
  }

  /** The snapshot's manifest as the table of contents lists it. */
  Toc.BundleFile manifest() {
    return manifest;
  }

  /** The snapshot's manifest signature, if the bundle carries it. */
  Optional<Toc.BundleFile> signature() {
    return Optional.ofNullable(signature);
  }

  /**
   * A walk over the chunks' entries and their files, checked again as it goes, from {@code
   * tocFile}: a copy of the table of contents whose sha256 was checked to be {@link #tocSha256}.
   */
  BundleWalk walk(Path tocFile) throws IOException {
    return new BundleWalk(dir, tocFile, head);
  }

  static String chunkName(int n) {
    return String.format(java.util.Locale.ROOT, "chunk-%04d.tar", n);
  }
}
