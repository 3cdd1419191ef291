package dev.tintype.sync;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.pages.Listing;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.SnapshotTransaction;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives a snapshot's files as a mirror produces them, and remembers them for the manifest in
 * spill files under the scratch directory, so a mirror of millions of files fits a small heap.
 */
public final class SnapshotSink implements Closeable {
  // About 5 MB of entries in memory per list (three lists) before they go to a run file: with
  // larger runs, a nightly of 100,000 PyPI projects did not fit -Xmx64m.
  private static final int RUN_SIZE = 16_384;

  private final SnapshotTransaction tx;
  private final EntrySpool<FileEntry> files;
  private final EntrySpool<LinkEntry> links;
  private final EntrySpool<FileEntry> pool;
  // Pool files an earlier snapshot lists, in path order, read again for the manifest.
  private Iterable<FileEntry> carriedPool;
  private long poolFiles;
  private long poolBytes;
  private long fileBytes;
  private Manifest head;
  private final Listing listing = new Listing();
  private final Path scratch;
  private java.util.function.LongConsumer written = size -> {};

  SnapshotSink(SnapshotTransaction tx, Path scratch) {
    this(tx, scratch, RUN_SIZE);
  }

  SnapshotSink(SnapshotTransaction tx, Path scratch, int runSize) {
    this.tx = tx;
    this.scratch = scratch;
    this.files =
        new EntrySpool<>(
            scratch, "files", FILES, FileEntry::path, EntrySpool.Duplicates.REFUSE, runSize);
    this.links =
        new EntrySpool<>(
            scratch, "links", LINKS, LinkEntry::path, EntrySpool.Duplicates.REFUSE, runSize);
    this.pool =
        new EntrySpool<>(
            scratch, "pool", FILES, FileEntry::path, EntrySpool.Duplicates.KEEP_FIRST, runSize);
  }

  /** Hears the size of each of the snapshot's own files once it is written or carried. */
  void onWrite(java.util.function.LongConsumer sizes) {
    this.written = sizes;
  }

  /** Writes one of the snapshot's own files (an index or a page). */
  public void write(String relative, byte[] content) throws IOException {
    Layout.requireRelative(relative);
    tx.write(relative, content);
    written.accept(content.length);
    listing.file(relative);
    files.add(new FileEntry(relative, content.length, Sha256.hash(content).hex(), null));
  }

  /** Something that writes a file's bytes to a stream. */
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * Writes one of the snapshot's own files from a writer, through a scratch file: the project list
   * and the browsable page of a large PyPI mirror are tens of megabytes.
   */
  public void write(String relative, Content content) throws IOException {
    Layout.requireRelative(relative);
    Files.createDirectories(scratch);
    Path tmp = Files.createTempFile(scratch, "page-", ".tmp");
    try {
      java.security.MessageDigest sha = Sha256.newDigest();
      long size;
      try (OutputStream file = Files.newOutputStream(tmp);
          java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(file, 1 << 16);
          java.security.DigestOutputStream out =
              new java.security.DigestOutputStream(buffered, sha)) {
        content.writeTo(out);
        out.flush();
        size = Files.size(tmp);
      }
      tx.write(relative, tmp);
      written.accept(size);
      listing.file(relative);
      files.add(new FileEntry(relative, size, Sha256.of(sha.digest()).hex(), null));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Puts a file of an earlier snapshot, unchanged, at {@code relative} without reading it (a hard
   * link, or a copy inside the object store); {@code earlier} describes it as the earlier manifest
   * did.
   */
  public void carry(String relative, String earlierKey, FileEntry earlier) throws IOException {
    Layout.requireRelative(relative);
    tx.carry(relative, earlierKey, earlier.sha256());
    written.accept(earlier.size());
    listing.file(relative);
    // The earlier entry itself where it fits: a nightly carries a hundred thousand pages.
    files.add(
        relative.equals(earlier.path()) && earlier.md5() == null
            ? earlier
            : new FileEntry(relative, earlier.size(), earlier.sha256(), null));
  }

  /** Records that the snapshot references a pool file. */
  public void reference(FileEntry poolFile) throws IOException {
    pool.add(poolFile);
    listing.pool(poolFile.path());
  }

  /**
   * Records that the snapshot references every pool file of {@code sorted}, which lists them in
   * path order and can be read again: they go to the listing now and are read once more when the
   * manifest is written, instead of going through the spool (sorted, written to a run file, read
   * back and merged), which cost a PyPI nightly carrying 360,000 of them a sixth of its CPU. Once
   * per sink.
   */
  public synchronized void referenceSorted(Iterable<FileEntry> sorted) {
    if (carriedPool != null) {
      throw new IllegalStateException("pool files of an earlier snapshot referenced twice");
    }
    for (FileEntry f : sorted) {
      listing.pool(f.path());
    }
    carriedPool = sorted;
  }

  /** Puts a referenced pool file at a standard place inside the snapshot too. */
  public void link(String relative, FileEntry poolFile) throws IOException {
    reference(poolFile);
    if (tx.link(relative, poolFile.path())) {
      links.add(new LinkEntry(relative, poolFile.path()));
    }
    listing.file(relative);
  }

  /** What the snapshot holds so far, for its browsable page. */
  Listing listing() {
    return listing;
  }

  /**
   * Streams the manifest: {@code head}'s fields and every entry received, each list sorted. Reads
   * the spill files once.
   */
  void writeManifest(Manifest head, OutputStream out) throws IOException {
    try {
      Iterable<FileEntry> spooled = pool.sorted();
      Iterable<FileEntry> poolSorted =
          carriedPool == null ? spooled : () -> new SortedUnion(spooled, carriedPool);
      // Counted as the manifest lists them: once each, after duplicates are dropped.
      Iterable<FileEntry> countedPool =
          counted(
              poolSorted,
              size -> {
                poolFiles++;
                poolBytes += size;
              });
      Iterable<FileEntry> countedFiles = counted(files.sorted(), size -> fileBytes += size);
      ManifestJson.write(head, countedFiles, links.sorted(), countedPool, out);
      this.head = head;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code entries}, telling {@code size} the size of each as it is read. */
  private static Iterable<FileEntry> counted(
      Iterable<FileEntry> entries, java.util.function.LongConsumer size) {
    return () -> {
      java.util.Iterator<FileEntry> it = entries.iterator();
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public FileEntry next() {
          FileEntry e = it.next();
          size.accept(e.size());
          return e;
        }
      };
    };
  }

  /**
   * Two lists in path order as one; a path in both is listed once, as the first has it (a pool path
   * names its content, so both describe the same file).
   */
  private static final class SortedUnion implements java.util.Iterator<FileEntry> {
    private final java.util.Iterator<FileEntry> a;
    private final java.util.Iterator<FileEntry> b;
    private FileEntry nextA;
    private FileEntry nextB;
    private String lastB;

    SortedUnion(Iterable<FileEntry> first, Iterable<FileEntry> second) {
      a = first.iterator();
      b = second.iterator();
      nextA = a.hasNext() ? a.next() : null;
      advanceB();
    }

    private void advanceB() {
      nextB = b.hasNext() ? b.next() : null;
      if (nextB != null) {
        if (lastB != null && lastB.compareTo(nextB.path()) >= 0) {
          throw new IllegalStateException(
              "the earlier snapshot's pool files are not in path order at '" + nextB.path() + "'");
        }
        lastB = nextB.path();
      }
    }

    @Override
    public boolean hasNext() {
      return nextA != null || nextB != null;
    }

    @Override
    public FileEntry next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      int c = nextA == null ? 1 : nextB == null ? -1 : nextA.path().compareTo(nextB.path());
      FileEntry out;
      if (c <= 0) {
        out = nextA;
        nextA = a.hasNext() ? a.next() : null;
        if (c == 0) {
          advanceB();
        }
      } else {
        out = nextB;
        advanceB();
      }
      return out;
    }
  }

  /** How many pool files the manifest lists (known once it is written). */
  long poolFiles() {
    return poolFiles;
  }

  /** The bytes of the pool files the manifest lists. */
  long poolBytes() {
    return poolBytes;
  }

  /**
   * What reading the written manifest would give its summary: its head, and the sizes of the own
   * and pool files it lists, counted as they were written.
   */
  ManifestSummary summary() {
    if (head == null) {
      throw new IllegalStateException("the manifest is not written yet");
    }
    return new ManifestSummary(
        head.repo(), head.type(), head.date(), head.packages(), fileBytes + poolBytes);
  }

  /** Deletes the spill files. */
  @Override
  public void close() throws IOException {
    try (files;
        links;
        pool) {
      // closes all three, whichever fails
    }
  }

  // The manifest's own lists, spilled: the digits as bytes would be converted twice more.
  private static final EntrySpool.Codec<FileEntry> FILES =
      new EntrySpool.Codec<>() {
        @Override
        public void write(FileEntry e, DataOutputStream out) throws IOException {
          EntryCodec.writeText(out, e.path());
          out.writeLong(e.size());
          out.write(e.sha256().getBytes(StandardCharsets.ISO_8859_1));
          EntryCodec.writeText(out, e.md5() == null ? "" : e.md5());
        }

        @Override
        public FileEntry read(DataInputStream in) throws IOException {
          String path = EntryCodec.readText(in);
          long size = in.readLong();
          byte[] sha = new byte[64];
          in.readFully(sha);
          String md5 = EntryCodec.readText(in);
          return new FileEntry(
              path, size, new String(sha, StandardCharsets.ISO_8859_1), md5.isEmpty() ? null : md5);
        }
      };

  private static final EntrySpool.Codec<LinkEntry> LINKS =
      new EntrySpool.Codec<>() {
        @Override
        public void write(LinkEntry e, DataOutputStream out) throws IOException {
          EntryCodec.writeText(out, e.path());
          EntryCodec.writeText(out, e.pool());
        }

        @Override
        public LinkEntry read(DataInputStream in) throws IOException {
          return new LinkEntry(EntryCodec.readText(in), EntryCodec.readText(in));
        }
      };
}
