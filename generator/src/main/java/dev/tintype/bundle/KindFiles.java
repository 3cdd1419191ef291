package dev.tintype.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The files of one kind a table of contents lists, in its order (path order, as {@link BundleWalk}
 * checks), each with its number in the whole list.
 */
final class KindFiles implements Closeable {
  private final TocReader.Walk walk;
  private final Toc head;
  private final Keys.Kind kind;
  private int index = -1;

  KindFiles(Path tocFile, Toc head, Keys.Kind kind) throws IOException {
    this.walk = new TocReader.Walk(tocFile);
    this.head = head;
    this.kind = kind;
  }

  /** The next file of the kind, or null after the last. */
  Toc.BundleFile next() throws IOException {
    for (Toc.BundleFile f; (f = walk.nextFile()) != null; ) {
      index++;
      if (Keys.kind(f.path(), head.repoName(), head.snapshotDate()) == kind) {
        return f;
      }
    }
    return null;
  }

  /** The number of the file {@link #next} gave last. */
  int index() {
    return index;
  }

  @Override
  public void close() throws IOException {
    walk.close();
  }
}
