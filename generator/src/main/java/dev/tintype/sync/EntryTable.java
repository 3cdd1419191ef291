package dev.tintype.sync;

import dev.tintype.format.manifest.FileEntry;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Manifest entries by a key, written once in ascending key order, then looked up by key, by key
 * prefix, or walked in order. A few thousand stay in memory as they are; beyond that they go to a
 * file of small blocks, and memory holds only each block's first key (an SSTable): a lookup reads
 * one block, and a walk reads the file in order. The last blocks read stay decoded, since callers
 * mostly look keys up in about the order they are stored.
 */
final class EntryTable implements Closeable {
  private static final int BLOCK_BYTES = 8192;
  private static final int RECENT_BLOCKS = 16;

  private final String name;
  private final Path file;
  // In memory: every key and entry. On disk: the first key of each block, and where it starts.
  private final String[] keys;
  private final FileEntry[] entries;
  private final long[] offsets;
  // Null in memory. Reopened where a reader was interrupted (a cancelled task), which closes it.
  private SeekableByteChannel channel;
  private final int size;
  // The blocks read last, decoded. Lookups come in about key order, but not quite: CRAN's
  // case-insensitive package order alternates between upper- and lower-case regions of the keys.
  private final Map<Integer, EntryBlock> recent =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, EntryBlock> eldest) {
          return size() > RECENT_BLOCKS;
        }
      };

  private EntryTable(
      String name,
      Path file,
      String[] keys,
      FileEntry[] entries,
      long[] offsets,
      SeekableByteChannel channel,
      int size) {
    this.name = name;
    this.file = file;
    this.keys = keys;
    this.entries = entries;
    this.offsets = offsets;
    this.channel = channel;
    this.size = size;
  }

  /** The entry stored under {@code key}, or null. */
  FileEntry get(String key) {
    if (entries != null) {
      int i = Arrays.binarySearch(keys, key);
      return i >= 0 ? entries[i] : null;
    }
    int b = blockOf(key);
    if (b < 0) {
      return null;
    }
    EntryBlock block = block(b);
    int i = Arrays.binarySearch(block.keys, key);
    return i >= 0 ? block.entry(i) : null;
  }

  /**
   * The entries whose key starts with {@code prefix}, in key order; reading one may throw {@link
   * UncheckedIOException}.
   */
  Iterable<FileEntry> withPrefix(String prefix) {
    return () -> new Walk(prefix);
  }

  /** Every entry in key order; reading one may throw {@link UncheckedIOException}. */
  Iterable<FileEntry> all() {
    return withPrefix("");
  }

  // The last block whose first key is at most key; -1 when key sorts before all of them.
  private int blockOf(String key) {
    int i = Arrays.binarySearch(keys, key);
    return i >= 0 ? i : -i - 2;
  }

  private EntryBlock block(int b) {
    synchronized (recent) {
      EntryBlock c = recent.get(b);
      if (c != null) {
        return c;
      }
    }
    long from = offsets[b];
    long to = offsets[b + 1];
    byte[] buf = new byte[(int) (to - from)];
    try {
      read(from, buf);
      List<String> ks = new ArrayList<>();
      List<Integer> at = new ArrayList<>();
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(buf))) {
        while (in.available() > 0) {
          ks.add(EntryCodec.readText(in));
          at.add(buf.length - in.available());
          EntryCodec.skipEntry(in);
        }
      }
      int[] starts = new int[at.size()];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = at.get(i);
      }
      EntryBlock c = new EntryBlock(ks.toArray(new String[0]), starts, buf);
      synchronized (recent) {
        recent.put(b, c);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read the previous snapshot's index", e);
    }
  }

  private synchronized void read(long from, byte[] into) throws IOException {
    try {
      readFully(from, into);
    } catch (ClosedChannelException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      channel = Files.newByteChannel(file);
      readFully(from, into);
    }
  }

  private void readFully(long from, byte[] into) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(into);
    channel.position(from);
    while (buf.hasRemaining()) {
      if (channel.read(buf) < 0) {
        throw new IOException(file + ": ends inside a block at " + from);
      }
    }
  }

  /** Walks the entries from the first key at or after {@code prefix} while keys start with it. */
  private final class Walk implements Iterator<FileEntry> {
    private final String prefix;
    private int block;
    private int at;
    private EntryBlock current;
    private FileEntry next;

    Walk(String prefix) {
      this.prefix = prefix;
      if (entries != null) {
        int i = Arrays.binarySearch(keys, prefix);
        at = i >= 0 ? i : -i - 1;
      } else {
        block = Math.max(0, blockOf(prefix));
        at = -1;
      }
      advance();
    }

    private void advance() {
      next = null;
      while (true) {
        String key;
        FileEntry e;
        if (entries != null) {
          if (at >= size) {
            return;
          }
          key = keys[at];
          e = entries[at];
          at++;
        } else {
          if (current == null || at >= current.keys.length) {
            if (current != null) {
              block++;
            }
            if (block >= offsets.length - 1) {
              return;
            }
            current = block(block);
            at = 0;
          }
          key = current.keys[at];
          e = key.startsWith(prefix) ? current.entry(at) : null;
          at++;
        }
        int c = key.compareTo(prefix);
        if (c < 0) {
          continue;
        }
        if (key.startsWith(prefix)) {
          next = e;
        }
        return;
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public FileEntry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      FileEntry out = next;
      advance();
      return out;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      Files.deleteIfExists(file);
    }
  }

  /**
   * Collects a table. Keys must come in ascending order; an equal key replaces the entry before it
   * (as a map filled in that order would).
   */
  static final class Builder implements Closeable {
    private final String name;
    private final Path file;
    private final int inMemory;
    private List<String> keys = new ArrayList<>();
    private List<FileEntry> entries = new ArrayList<>();
    private OutputStream out;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private final DataOutputStream recordData = new DataOutputStream(record);
    private long written;
    private long blockStart;
    private final List<String> firstKeys = new ArrayList<>();
    private long[] offsets = new long[16];
    private String lastKey;
    private FileEntry pending;
    private int size;

    /**
     * @param file where the entries go once there are more than {@code inMemory}
     * @param name names the table in errors
     */
    Builder(Path file, String name, int inMemory) {
      this.name = name;
      this.file = file;
      this.inMemory = inMemory;
    }

    void add(String key, FileEntry e) throws IOException {
      if (lastKey != null) {
        int c = key.compareTo(lastKey);
        if (c < 0) {
          throw new IOException(
              name + ": entries out of order: '" + key + "' after '" + lastKey + "'");
        }
        if (c == 0) {
          pending = e;
          return;
        }
        put(lastKey, pending);
        size++;
      }
      lastKey = key;
      pending = e;
    }

    private void put(String key, FileEntry e) throws IOException {
      if (out == null) {
        keys.add(key);
        entries.add(e);
        if (keys.size() > inMemory) {
          spill();
        }
        return;
      }
      if (firstKeys.isEmpty() || written - blockStart >= BLOCK_BYTES) {
        blockStart = written;
        if (firstKeys.size() == offsets.length) {
          offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[firstKeys.size()] = written;
        firstKeys.add(key);
      }
      record.reset();
      EntryCodec.writeEntry(recordData, key, e);
      record.writeTo(out);
      written += record.size();
    }

    private void spill() throws IOException {
      Files.createDirectories(file.getParent());
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      List<String> ks = keys;
      List<FileEntry> es = entries;
      keys = null;
      entries = null;
      for (int i = 0; i < ks.size(); i++) {
        put(ks.get(i), es.get(i));
      }
    }

    EntryTable build() throws IOException {
      if (lastKey != null) {
        put(lastKey, pending);
        size++;
        lastKey = null;
      }
      if (out == null) {
        return new EntryTable(
            name,
            file,
            keys.toArray(new String[0]),
            entries.toArray(new FileEntry[0]),
            null,
            null,
            size);
      }
      out.close();
      out = null;
      long[] ends = Arrays.copyOf(offsets, firstKeys.size() + 1);
      ends[firstKeys.size()] = written;
      SeekableByteChannel ch = Files.newByteChannel(file);
      return new EntryTable(name, file, firstKeys.toArray(new String[0]), null, ends, ch, size);
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
        Files.deleteIfExists(file);
      }
    }
  }
}
