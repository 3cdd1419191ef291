package dev.tintype.bundle;

import dev.tintype.format.layout.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.function.Predicate;

/**
 * Checks a bundle's chunks and streams the files asked for out of them, each into one scratch file
 * under {@code work}; a file split across chunks is appended to piece by piece, and is checked
 * against its size and sha256 after its last piece.
 */
final class ChunkStager {
  /** Hears of each file once it is staged and checked. */
  interface Sink {
    void staged(BundleWalk.Piece piece, Path staged) throws IOException;
  }

  private final Bundle bundle;
  private final Path work;
  private final byte[] buffer = new byte[1 << 16];
  // The file whose pieces are being staged, and their running sha256, across chunk boundaries.
  private MessageDigest pending;
  private int pendingFile = -1;

  ChunkStager(Bundle bundle, Path work) {
    this.bundle = bundle;
    this.work = work;
  }

  /** Where file number {@code file} of the table of contents is staged. */
  Path staged(int file) {
    return work.resolve("f" + file);
  }

  /** Requires the chunk's size and sha256 to be the table of contents' before it is read. */
  void verify(TocReader.ChunkHead chunk) throws IOException {
    Path file = bundle.chunkPath(chunk);
    MessageDigest sha = Sha256.newDigest();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha.update(buffer, 0, n);
        size += n;
      }
    }
    String actual = Sha256.of(sha.digest()).hex();
    if (size != chunk.size() || !actual.equals(chunk.sha256())) {
      String sizes =
          size != chunk.size() ? "%d bytes, expected %d; ".formatted(size, chunk.size()) : "";
      throw new BadBundleException(
          "%s is damaged: %ssha256 %s, expected %s; nothing of %s was published"
              .formatted(file, sizes, actual, chunk.sha256(), bundle.describe()));
    }
  }

  /**
   * Reads the chunk's entries in order as {@code walk} gives them, each checked by {@link
   * TarChunks.Reader}; stages the pieces of the files {@code wanted} accepts and skips the rest.
   */
  void read(
      TocReader.ChunkHead chunk, BundleWalk walk, Predicate<BundleWalk.Piece> wanted, Sink sink)
      throws IOException {
    Path file = bundle.chunkPath(chunk);
    try (TarChunks.Reader reader = new TarChunks.Reader(file, file.toString())) {
      for (BundleWalk.Piece piece; (piece = walk.nextPiece()) != null; ) {
        Toc.Entry e = piece.entry();
        InputStream in = reader.next(e);
        int f = piece.file();
        if (!wanted.test(piece)) {
          skipFully(in, e.length(), file);
          continue;
        }
        if (e.offset() == 0) {
          pending = Sha256.newDigest();
          pendingFile = f;
        } else if (pendingFile != f) {
          throw new IllegalStateException(e.path() + " continues, but its start was not read");
        }
        Path staged = staged(f);
        try (OutputStream out =
            e.offset() == 0
                ? Files.newOutputStream(staged)
                : Files.newOutputStream(staged, StandardOpenOption.APPEND)) {
          copy(in, out, e.length(), file, e.path());
        }
        if (piece.last()) {
          requireIntact(piece.bf(), staged, file);
          sink.staged(piece, staged);
        }
      }
      reader.end();
    }
  }

  private void requireIntact(Toc.BundleFile bf, Path staged, Path chunk) throws IOException {
    long size = Files.size(staged);
    String actual = Sha256.of(pending.digest()).hex();
    pendingFile = -1;
    if (size != bf.size() || !actual.equals(bf.sha256())) {
      throw new BadBundleException(
          ("%s in %s is damaged: %d bytes, sha256 %s; expected %d bytes, sha256 %s; nothing of %s"
                  + " was published")
              .formatted(
                  bf.path(), chunk, size, actual, bf.size(), bf.sha256(), bundle.describe()));
    }
  }

  private void copy(InputStream in, OutputStream out, long length, Path chunk, String path)
      throws IOException {
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new BadBundleException("%s: entry '%s' ends early".formatted(chunk, path));
      }
      pending.update(buffer, 0, n);
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skipFully(InputStream in, long length, Path chunk) throws IOException {
    long left = length;
    while (left > 0) {
      long n = in.skip(left);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new BadBundleException(chunk + ": ends inside an entry");
        }
        n = 1;
      }
      left -= n;
    }
  }
}
