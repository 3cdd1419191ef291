package dev.tintype.sync;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Manifest entries of a snapshot being built, sorted by path with bounded memory: a PyPI mirror has
 * millions, far more than a small heap holds as objects. Entries collect in memory up to a run's
 * size, go to a sorted run file in the scratch directory, and come back merged. gc marks the pool
 * files its snapshots reference in one too.
 */
public final class EntrySpool<T> implements Closeable {
  /** How entries go to and from a run file. */
  public interface Codec<T> {
    void write(T entry, DataOutputStream out) throws IOException;

    T read(DataInputStream in) throws IOException;
  }

  /** What two entries with the same path mean. */
  public enum Duplicates {
    /** The same file referenced twice: the first is kept. */
    KEEP_FIRST,
    /** Two files claiming one place: an error. */
    REFUSE
  }

  private final Path dir;
  private final String name;
  private final Codec<T> codec;
  private final Function<T, String> path;
  private final Duplicates duplicates;
  private final int runSize;
  private final List<Path> runs = new ArrayList<>();
  private List<T> buffer = new ArrayList<>();
  private boolean read;

  public EntrySpool(
      Path dir,
      String name,
      Codec<T> codec,
      Function<T, String> path,
      Duplicates duplicates,
      int runSize) {
    if (runSize < 1) {
      throw new IllegalArgumentException("run size " + runSize + " must be positive");
    }
    this.dir = dir;
    this.name = name;
    this.codec = codec;
    this.path = path;
    this.duplicates = duplicates;
    this.runSize = runSize;
  }

  public synchronized void add(T entry) throws IOException {
    if (read) {
      throw new IllegalStateException(name + ": entry added after the spool was read");
    }
    buffer.add(entry);
    if (buffer.size() >= runSize) {
      spill();
    }
  }

  private void spill() throws IOException {
    buffer.sort(Comparator.comparing(path));
    Path run = dir.resolve(".manifest-" + name + "-" + runs.size());
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (T e : buffer) {
        codec.write(e, out);
      }
    }
    runs.add(run);
    buffer = new ArrayList<>();
  }

  /**
   * Every entry, sorted by path, once. Iterating throws {@link UncheckedIOException} where a run
   * cannot be read, and an {@link UncheckedIOException} wrapping {@link DuplicatePathException}
   * where two entries refuse to share a path.
   */
  public synchronized Iterable<T> sorted() throws IOException {
    if (read) {
      throw new IllegalStateException(name + ": the spool was already read");
    }
    read = true;
    buffer.sort(Comparator.comparing(path));
    List<Iterator<T>> sources = new ArrayList<>();
    for (Path run : runs) {
      sources.add(new RunReader(run));
    }
    sources.add(buffer.iterator());
    Iterator<T> merged = new Merge(sources);
    return () -> merged;
  }

  /** Deletes the run files. */
  @Override
  public synchronized void close() throws IOException {
    for (Path run : runs) {
      Files.deleteIfExists(run);
    }
    buffer = List.of();
  }

  /** Two entries claim one path. */
  static final class DuplicatePathException extends IOException {
    DuplicatePathException(String message) {
      super(message);
    }
  }

  private final class RunReader implements Iterator<T> {
    private final DataInputStream in;
    private T next;

    RunReader(Path run) throws IOException {
      // One buffer per run file while merging: all of PyPI spills hundreds of runs.
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 14));
      advance();
    }

    private void advance() throws IOException {
      try {
        next = codec.read(in);
      } catch (EOFException e) {
        next = null;
        in.close();
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public T next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      T out = next;
      try {
        advance();
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": cannot read spilled manifest entries", e);
      }
      return out;
    }
  }

  /** A k-way merge; ties go to the earlier source, so "first" means first added. */
  private final class Merge implements Iterator<T> {
    private record Head<T>(T entry, String path, int source, Iterator<T> rest) {}

    private final PriorityQueue<Head<T>> heads =
        new PriorityQueue<>(
            Comparator.<Head<T>, String>comparing(Head::path).thenComparingInt(Head::source));
    private String last;

    Merge(List<Iterator<T>> sources) {
      for (int i = 0; i < sources.size(); i++) {
        push(i, sources.get(i));
      }
    }

    private void push(int source, Iterator<T> it) {
      if (it.hasNext()) {
        T e = it.next();
        heads.add(new Head<>(e, path.apply(e), source, it));
      }
    }

    @Override
    public boolean hasNext() {
      while (!heads.isEmpty() && heads.peek().path().equals(last)) {
        Head<T> dup = heads.poll();
        if (duplicates == Duplicates.REFUSE) {
          throw new UncheckedIOException(
              new DuplicatePathException(
                  "two files want the same place '" + dup.path() + "' in the snapshot"));
        }
        push(dup.source(), dup.rest());
      }
      return !heads.isEmpty();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Head<T> h = heads.poll();
      last = h.path();
      push(h.source(), h.rest());
      return h.entry();
    }
  }
}
