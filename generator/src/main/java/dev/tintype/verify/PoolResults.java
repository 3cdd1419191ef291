package dev.tintype.verify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outcome of each pool file the last verified snapshot referenced, in a scratch file sorted by
 * path: the next snapshot, mostly the same pool files, looks its own up in one merge instead of
 * hashing them again, and no map of every pool file is held in memory.
 */
final class PoolResults implements Closeable {
  private final Path dir;
  private Path current;

  PoolResults(Path dir) {
    this.dir = dir;
  }

  /** Reads the last results in path order; {@link Reader#find} must be called in that order. */
  Reader reader() throws IOException {
    return new Reader(current);
  }

  /** Writes the results of the snapshot being verified, which replace the last on commit. */
  Writer writer() throws IOException {
    return new Writer(Files.createTempFile(dir, ".verify-pool-", ""));
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      Files.deleteIfExists(current);
      current = null;
    }
  }

  final class Reader implements Closeable {
    private final DataInputStream in;
    private String path;
    private String detail;

    private Reader(Path file) throws IOException {
      in =
          file == null
              ? null
              : new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      advance();
    }

    private void advance() throws IOException {
      if (in == null) {
        path = null;
        return;
      }
      try {
        path = in.readUTF();
        detail = in.readUTF();
      } catch (EOFException e) {
        path = null;
      }
    }

    /** The recorded outcome of {@code key} ("" for a match), or null if it was not checked. */
    String find(String key) throws IOException {
      while (path != null && path.compareTo(key) < 0) {
        advance();
      }
      return key.equals(path) ? detail : null;
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }

  final class Writer {
    private final Path file;
    private final DataOutputStream out;

    private Writer(Path file) throws IOException {
      this.file = file;
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void add(String key, String detail) throws IOException {
      out.writeUTF(key);
      out.writeUTF(detail);
    }

    void commit() throws IOException {
      out.close();
      PoolResults.this.close();
      current = file;
    }

    void abandon() throws IOException {
      out.close();
      Files.deleteIfExists(file);
    }
  }
}
