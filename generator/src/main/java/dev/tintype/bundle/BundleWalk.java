package dev.tintype.bundle;

import dev.tintype.format.layout.FileName;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * A bundle's chunks and their entries in order, each entry with the file it holds a piece of,
 * checked as they come with one entry and one file in memory: chunks are numbered from 1 without
 * gaps and smaller than the chunk size; the entries take the files in the order they are listed,
 * each file's pieces consecutive, in order, covering it exactly once; the files of each kind are
 * listed in strictly increasing path order (so none twice), and the manifest is among them.
 */
final class BundleWalk implements Closeable {
  /** One tar entry and its file: number {@code file} of the list, of kind {@code kind}. */
  record Piece(Toc.Entry entry, int file, Toc.BundleFile bf, Keys.Kind kind) {
    boolean last() {
      return entry.offset() + entry.length() == bf.size();
    }
  }

  private final Path dir;
  private final Toc head;
  private final TocReader.Walk walk;
  private final Map<Keys.Kind, String> lastOfKind = new EnumMap<>(Keys.Kind.class);
  private TocReader.ChunkHead chunk;
  private int chunks;
  private long data;
  private Toc.BundleFile current;
  private Keys.Kind kind;
  private int file = -1;
  private long covered;
  private boolean manifest;

  /** Walks {@code tocFile}, the table of contents of the bundle in {@code dir} or a copy of it. */
  BundleWalk(Path dir, Path tocFile, Toc head) throws IOException {
    this.dir = dir;
    this.head = head;
    this.walk = new TocReader.Walk(tocFile);
  }

  /** The next chunk, whose pieces {@link #nextPiece} gives; null after the last, all checked. */
  TocReader.ChunkHead nextChunk() throws IOException {
    chunk = walk.nextChunk();
    if (chunk == null) {
      finish();
      return null;
    }
    chunks++;
    if (!chunk.name().equals(Bundle.chunkName(chunks))) {
      throw bad(
          "names chunk %d '%s', expected %s"
              .formatted(chunks, chunk.name(), Bundle.chunkName(chunks)));
    }
    if (chunk.size() >= head.chunkSize()) {
      throw bad(
          "%s is %d bytes, not below %d".formatted(chunk.name(), chunk.size(), head.chunkSize()));
    }
    data = 0;
    return chunk;
  }

  /** The next piece of the current chunk, or null after its last. */
  Piece nextPiece() throws IOException {
    Toc.Entry e = walk.nextEntry();
    if (e == null) {
      return null;
    }
    data = Math.addExact(data, e.length());
    if (data > chunk.size()) {
      throw bad("%s lists more data than its %d bytes".formatted(chunk.name(), chunk.size()));
    }
    boolean continues =
        current != null && e.path().equals(current.path()) && covered < current.size();
    if (continues) {
      if (e.length() == 0) {
        throw bad("has an empty continuation piece of '" + e.path() + "'");
      }
    } else {
      if (current != null) {
        requireCovered();
      }
      nextFile();
      if (current == null) {
        throw bad(
            "%s holds '%s', an unlisted file"
                .formatted(chunk.name(), FileName.printable(e.path())));
      }
      if (!current.path().equals(e.path())) {
        throw bad(
            "%s holds '%s' where the files list '%s' next: its pieces must follow the files' order"
                .formatted(
                    chunk.name(),
                    FileName.printable(e.path()),
                    FileName.printable(current.path())));
      }
      covered = 0;
    }
    if (e.offset() != covered) {
      throw bad(
          "%s holds '%s' from offset %d, expected %d"
              .formatted(chunk.name(), e.path(), e.offset(), covered));
    }
    covered = Math.addExact(covered, e.length());
    return new Piece(e, file, current, kind);
  }

  private void nextFile() throws IOException {
    current = walk.nextFile();
    if (current == null) {
      return;
    }
    file++;
    kind = Keys.kind(current.path(), head.repoName(), head.snapshotDate());
    String last = lastOfKind.put(kind, current.path());
    if (last != null && last.compareTo(current.path()) >= 0) {
      throw bad(
          last.equals(current.path())
              ? "lists '" + current.path() + "' twice"
              : "lists '%s' after '%s': files of one kind must be in path order"
                  .formatted(current.path(), last));
    }
    manifest |= kind == Keys.Kind.MANIFEST;
  }

  private void finish() throws IOException {
    if (current != null) {
      requireCovered();
    }
    nextFile();
    if (current != null) {
      throw bad("lists '" + current.path() + "' but no chunk holds it");
    }
    if (!manifest) {
      throw bad("does not carry the snapshot's manifest");
    }
  }

  /** Files listed so far; after the walk, all of them. */
  int files() {
    return file + 1;
  }

  private void requireCovered() throws BadBundleException {
    if (covered != current.size()) {
      throw bad(
          "holds %d bytes of '%s', which has %d"
              .formatted(covered, current.path(), current.size()));
    }
  }

  private BadBundleException bad(String what) {
    return new BadBundleException("bundle %s of %s %s".formatted(dir, Bundle.describe(head), what));
  }

  @Override
  public void close() throws IOException {
    walk.close();
  }
}
