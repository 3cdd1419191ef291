package dev.tintype.sync;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.storage.SnapshotTransaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Receives a snapshot's files as a mirror produces them, and remembers them for the manifest. */
public final class SnapshotSink {
  private final SnapshotTransaction tx;
  private final List<FileEntry> files = new ArrayList<>();
  private final List<LinkEntry> links = new ArrayList<>();
  private final Map<String, FileEntry> pool = new LinkedHashMap<>();

  SnapshotSink(SnapshotTransaction tx) {
    this.tx = tx;
  }

  /** Writes one of the snapshot's own files (an index or a page). */
  public void write(String relative, byte[] content) throws IOException {
    Layout.requireRelative(relative);
    tx.write(relative, content);
    files.add(new FileEntry(relative, content.length, Sha256.hash(content).hex(), null));
  }

  /** Something that writes a file's bytes to a stream. */
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /** Writes one of the snapshot's own files from a writer. */
  public void write(String relative, Content content) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    content.writeTo(out);
    write(relative, out.toByteArray());
  }

  /**
   * Puts a file of an earlier snapshot, unchanged, at {@code relative} as a hard link, where the
   * backend has them; {@code earlier} describes it as the earlier manifest did. False, with nothing
   * done, where the backend cannot link: the caller then writes the file.
   */
  public boolean carry(String relative, String earlierKey, FileEntry earlier) throws IOException {
    Layout.requireRelative(relative);
    if (!tx.link(relative, earlierKey)) {
      return false;
    }
    files.add(new FileEntry(relative, earlier.size(), earlier.sha256(), null));
    return true;
  }

  /** Records that the snapshot references a pool file. */
  public void reference(FileEntry poolFile) {
    pool.putIfAbsent(poolFile.path(), poolFile);
  }

  /** Puts a referenced pool file at a standard place inside the snapshot too. */
  public void link(String relative, FileEntry poolFile) throws IOException {
    reference(poolFile);
    if (tx.link(relative, poolFile.path())) {
      links.add(new LinkEntry(relative, poolFile.path()));
    }
  }

  List<FileEntry> files() {
    return files;
  }

  List<LinkEntry> links() {
    return links;
  }

  List<FileEntry> pool() {
    return new ArrayList<>(pool.values());
  }
}
