package dev.tintype.sync;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The snapshot a sync builds on, as the mirrors ask about it: its head (date, package count,
 * properties), its own files and the pool files it references, by path, by path prefix, or in path
 * order. Memory stays flat however large it is: the manifest is read once, as a stream, into tables
 * that a large snapshot keeps in the run's scratch dir ({@link EntryTable}).
 */
public final class PreviousSnapshot implements Closeable {
  /** Entries per table kept in memory as they are; more go to the scratch dir. */
  static final int IN_MEMORY = 32_768;

  private final Manifest head;
  private final EntryTable files;
  private final EntryTable pool;
  private final Path scratch;
  private final int inMemory;
  private final Map<String, EntryTable> byKey = new HashMap<>();

  private PreviousSnapshot(
      Manifest head, EntryTable files, EntryTable pool, Path scratch, int inMemory) {
    this.head = head;
    this.files = files;
    this.pool = pool;
    this.scratch = scratch;
    this.inMemory = inMemory;
  }

  /**
   * Reads the manifest in {@code in} (closed here; {@code source} names it in errors) in one pass,
   * keeping what does not fit in memory in {@code scratch}.
   */
  public static PreviousSnapshot read(InputStream in, String source, Path scratch)
      throws IOException {
    return read(in, source, scratch, IN_MEMORY);
  }

  static PreviousSnapshot read(InputStream in, String source, Path scratch, int inMemory)
      throws IOException {
    try (in;
        EntryTable.Builder files =
            new EntryTable.Builder(
                scratch.resolve(".previous-files"), source + " files", inMemory);
        EntryTable.Builder pool =
            new EntryTable.Builder(scratch.resolve(".previous-pool"), source + " pool", inMemory)) {
      Manifest head =
          ManifestJson.stream(
              in,
              source,
              new ManifestJson.Entries(
                  f -> files.add(f.path(), f), l -> {}, f -> pool.add(f.path(), f)));
      EntryTable f = files.build();
      try {
        return new PreviousSnapshot(head, f, pool.build(), scratch, inMemory);
      } catch (IOException | RuntimeException e) {
        f.close();
        throw e;
      }
    }
  }

  public String repo() {
    return head.repo();
  }

  public RepoName repoName() {
    return head.repoName();
  }

  /** The snapshot's date, as its manifest writes it. */
  public String date() {
    return head.date();
  }

  public SnapshotDate snapshotDate() {
    return head.snapshotDate();
  }

  public int packages() {
    return head.packages();
  }

  public Map<String, String> properties() {
    return head.properties();
  }

  /** The storage key of one of the snapshot's own files, by its path inside the snapshot. */
  public String key(String path) {
    return Layout.snapshotFile(repoName(), snapshotDate(), path);
  }

  /** The snapshot's own file at {@code path} (relative to the snapshot), or null. */
  public FileEntry file(String path) {
    return files.get(path);
  }

  /** The snapshot's own files in path order (a read error is an UncheckedIOException). */
  public Iterable<FileEntry> files() {
    return files.all();
  }

  /** The snapshot's own files whose path starts with {@code prefix}, in path order. */
  public Iterable<FileEntry> files(String prefix) {
    return files.withPrefix(prefix);
  }

  /** The pool file the snapshot references at {@code path} ({@code pool/...}), or null. */
  public FileEntry poolFile(String path) {
    return pool.get(path);
  }

  /** The pool files the snapshot references, in path order. */
  public Iterable<FileEntry> pool() {
    return pool.all();
  }

  /** A lookup of the snapshot's pool files by a key of their own. */
  public interface PoolIndex {
    /** The pool file with this key, or null; of several, the last in path order. */
    FileEntry get(String key);
  }

  /**
   * The pool files by {@code key} (null: not indexed), as a map filled in path order would hold
   * them. Built on first use, by sorting in the scratch dir where they are many; {@code name} names
   * the index, and asking again by the same name gives the same one.
   */
  public synchronized PoolIndex poolBy(String name, Function<FileEntry, String> key)
      throws IOException {
    EntryTable t = byKey.get(name);
    if (t == null) {
      t = index(name, key);
      byKey.put(name, t);
    }
    return t::get;
  }

  private EntryTable index(String name, Function<FileEntry, String> key) throws IOException {
    // The spool's order, made once per entry: the sort asks for it at every comparison.
    record Keyed(String key, FileEntry entry, String order) {
      Keyed(String key, FileEntry entry) {
        this(key, entry, key + "\0" + entry.path());
      }
    }
    EntrySpool.Codec<Keyed> codec =
        new EntrySpool.Codec<>() {
          @Override
          public void write(Keyed k, DataOutputStream out) throws IOException {
            EntryCodec.writeText(out, k.key());
            EntryCodec.write(out, k.entry());
          }

          @Override
          public Keyed read(DataInputStream in) throws IOException {
            return new Keyed(EntryCodec.readText(in), EntryCodec.read(in));
          }
        };
    try (EntrySpool<Keyed> spool =
            new EntrySpool<>(
                scratch,
                "previous-by-" + name,
                codec,
                Keyed::order,
                EntrySpool.Duplicates.KEEP_FIRST,
                inMemory);
        EntryTable.Builder out =
            new EntryTable.Builder(
                scratch.resolve(".previous-by-" + name), "previous pool by " + name, inMemory)) {
      for (FileEntry f : pool()) {
        String k = key.apply(f);
        if (k != null) {
          spool.add(new Keyed(k, f));
        }
      }
      for (Keyed k : spool.sorted()) {
        out.add(k.key(), k.entry());
      }
      return out.build();
    }
  }

  /** Closes a snapshot that may be absent, in a try-with-resources. */
  public record Closer(Optional<PreviousSnapshot> snapshot) implements Closeable {
    @Override
    public void close() throws IOException {
      if (snapshot.isPresent()) {
        snapshot.get().close();
      }
    }
  }

  /** Deletes the tables' files. */
  @Override
  public synchronized void close() throws IOException {
    try (files;
        pool) {
      for (EntryTable t : byKey.values()) {
        t.close();
      }
    }
  }
}
