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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The outcome of each pool file the last verified snapshot referenced, sorted by path: the next
 * snapshot, mostly the same pool files, looks its own up in one merge instead of hashing them
 * again. Up to {@code inMemory} results are kept in memory; more go to a scratch file, so no list
 * of every pool file is held.
 */
final class PoolResults implements Closeable {
  private record Result(String path, String detail) {}

  private final Path dir;
  private final int inMemory;
  private List<Result> held = List.of();
  private Path file;

  PoolResults(Path dir, int inMemory) {
    this.dir = dir;
    this.inMemory = inMemory;
  }

  /** Reads the last results in path order; {@link Reader#find} must be called in that order. */
  Reader reader() throws IOException {
    return new Reader();
  }

  /** Takes the results of the snapshot being verified, which replace the last on commit. */
  Writer writer() {
    return new Writer();
  }

  @Override
  public void close() throws IOException {
    held = List.of();
    if (file != null) {
      Files.deleteIfExists(file);
      file = null;
    }
  }

  final class Reader implements Closeable {
    private final DataInputStream in;
    private final Iterator<Result> list;
    private Result head;

    private Reader() throws IOException {
      in =
          file == null
              ? null
              : new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      list = held.iterator();
      advance();
    }

    private void advance() throws IOException {
      if (in == null) {
        head = list.hasNext() ? list.next() : null;
        return;
      }
      try {
        head = new Result(in.readUTF(), in.readUTF());
      } catch (EOFException e) {
        head = null;
      }
    }

    /** The recorded outcome of {@code key} ("" for a match), or null if it was not checked. */
    String find(String key) throws IOException {
      while (head != null && head.path().compareTo(key) < 0) {
        advance();
      }
      return head != null && key.equals(head.path()) ? head.detail() : null;
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }

  final class Writer {
    private final List<Result> buffer = new ArrayList<>();
    private Path spill;
    private DataOutputStream out;

    void add(String key, String detail) throws IOException {
      if (out == null && buffer.size() < inMemory) {
        buffer.add(new Result(key, detail));
        return;
      }
      if (out == null) {
        spill = Files.createTempFile(dir, ".verify-pool-", "");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
        for (Result r : buffer) {
          write(r.path(), r.detail());
        }
        buffer.clear();
      }
      write(key, detail);
    }

    private void write(String key, String detail) throws IOException {
      out.writeUTF(key);
      out.writeUTF(detail);
    }

    void commit() throws IOException {
      if (out != null) {
        out.close();
      }
      PoolResults.this.close();
      file = spill;
      held = spill == null ? List.copyOf(buffer) : List.of();
    }

    void abandon() throws IOException {
      if (out != null) {
        out.close();
        Files.deleteIfExists(spill);
      }
    }
  }
}
