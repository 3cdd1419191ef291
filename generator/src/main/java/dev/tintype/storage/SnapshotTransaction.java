package dev.tintype.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** A snapshot being built. Nothing of it is visible until {@link #commit}. */
public interface SnapshotTransaction extends Closeable {

  /** Writes one of the snapshot's own files (an index, a page). */
  void write(String relative, byte[] content) throws IOException;

  /** Writes one of the snapshot's own files from a local file. */
  void write(String relative, Path source) throws IOException;

  /**
   * Puts a pool file at a standard place in the snapshot where the backend can do it cheaply; false
   * where it cannot (indexes point into the pool anyway).
   */
  boolean link(String relative, String poolKey) throws IOException;

  /**
   * Puts a file of an earlier published snapshot at {@code relative}, unchanged, without passing
   * its bytes through this process: a hard link on a filesystem, a server-side copy on S3. {@code
   * sha256} is the file's, as the earlier manifest lists it.
   */
  void carry(String relative, String earlierKey, String sha256) throws IOException;

  /** Writes the manifest and makes the snapshot visible, all at once. */
  void commit(byte[] manifest) throws IOException;

  /**
   * As {@link #commit(byte[])}, with the manifest in a local file: a large mirror's manifest is
   * hundreds of megabytes. The transaction may move the file away.
   */
  void commit(Path manifest) throws IOException;

  /** Where the commit reports the upload of a large manifest; a filesystem has none. */
  default void onUpload(UploadProgress progress) {}

  /** Abandons the snapshot if it was not committed. */
  @Override
  void close() throws IOException;
}
