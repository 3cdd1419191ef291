package dev.tintype.bundle;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.Purges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an export will write: how many files and bytes, in how many chunks. Chunk sizes are upper
 * bounds until the chunks are written; the file count and bytes are exact. The files themselves are
 * not held: the export streams them from the manifests again.
 */
public final class ExportPlan {
  private final RepoName repo;
  private final SnapshotDate date;
  private final String type;
  private final Optional<SnapshotDate> base;
  private final String baseManifestSha256;
  private final long chunkSize;
  private final Set<String> purged;
  private final List<Purges.Purge> purges;
  private final List<Toc.BundleFile> tail;
  private final long fileCount;
  private final long bytes;
  private final int chunkCount;
  private final long maxBytes;

  /** Counts what {@code files} gives, laid out in chunks, and closes it. */
  ExportPlan(
      RepoName repo,
      SnapshotDate date,
      String type,
      Optional<SnapshotDate> base,
      String baseManifestSha256,
      long chunkSize,
      Set<String> purged,
      List<Toc.BundleFile> tail,
      Purges record,
      PlannedFiles files)
      throws IOException {
    this.repo = repo;
    this.date = date;
    this.type = type;
    this.base = base;
    this.baseManifestSha256 = baseManifestSha256;
    this.chunkSize = chunkSize;
    this.purged = Set.copyOf(purged);
    this.tail = List.copyOf(tail);
    long n = 0;
    long sum = 0;
    ChunkLayout layout = new ChunkLayout(chunkSize, NO_CHUNKS);
    try (files) {
      for (Toc.BundleFile f; (f = files.next()) != null; ) {
        n++;
        sum += f.size();
        layout.add(f);
      }
      layout.finish();
    }
    this.fileCount = n;
    this.bytes = sum;
    this.chunkCount = layout.chunks();
    this.maxBytes = layout.totalBytes();
    this.purges = List.copyOf(record.restrictedTo(files.listedPurged()));
  }

  private static final ChunkLayout.Sink NO_CHUNKS =
      new ChunkLayout.Sink() {
        @Override
        public void entry(Toc.BundleFile file, Toc.Entry entry) {}

        @Override
        public void chunkEnd() {}
      };

  public RepoName repo() {
    return repo;
  }

  public SnapshotDate date() {
    return date;
  }

  public Optional<SnapshotDate> base() {
    return base;
  }

  public long chunkSize() {
    return chunkSize;
  }

  /** Files the bundle holds: new pool files, the snapshot's own files, and its manifest. */
  public long fileCount() {
    return fileCount;
  }

  /** The files' bytes. */
  public long bytes() {
    return bytes;
  }

  public int chunkCount() {
    return chunkCount;
  }

  /** At most this many bytes on the medium, tar headers included. */
  public long maxBundleBytes() {
    return maxBytes;
  }

  String type() {
    return type;
  }

  String baseManifestSha256() {
    return baseManifestSha256;
  }

  /** The purged pool keys the bundle leaves out. */
  Set<String> purged() {
    return purged;
  }

  /** The files after the pool files and the snapshot's own: its signature and manifest. */
  List<Toc.BundleFile> tail() {
    return tail;
  }

  /** The purges of pool files the snapshot lists, which the bundle leaves out. */
  public List<Purges.Purge> purges() {
    return purges;
  }

  /**
   * Lays out {@code files} in chunks into {@code out}, as an export does. Returns the upper bound
   * of all chunks' bytes.
   */
  static long layout(List<Toc.BundleFile> files, long chunkSize, List<List<Toc.Entry>> out) {
    List<Toc.Entry> current = new ArrayList<>();
    ChunkLayout layout =
        new ChunkLayout(
            chunkSize,
            new ChunkLayout.Sink() {
              @Override
              public void entry(Toc.BundleFile file, Toc.Entry entry) {
                current.add(entry);
              }

              @Override
              public void chunkEnd() {
                out.add(List.copyOf(current));
                current.clear();
              }
            });
    try {
      for (Toc.BundleFile f : files) {
        layout.add(f);
      }
      layout.finish();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return layout.totalBytes();
  }
}
