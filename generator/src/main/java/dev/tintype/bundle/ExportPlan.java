package dev.tintype.bundle;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.Purges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an export will write: which files, split into which chunks. Chunk sizes are upper bounds
 * until the chunks are written; the file count and bytes are exact.
 */
public final class ExportPlan {
  private final RepoName repo;
  private final SnapshotDate date;
  private final String type;
  private final Optional<SnapshotDate> base;
  private final String baseManifestSha256;
  private final long chunkSize;
  private final List<Toc.BundleFile> files;
  private final List<Purges.Purge> purges;
  private final byte[] manifest;
  private final List<List<Toc.Entry>> chunks;
  private final long maxBytes;

  ExportPlan(
      RepoName repo,
      SnapshotDate date,
      String type,
      Optional<SnapshotDate> base,
      String baseManifestSha256,
      long chunkSize,
      List<Toc.BundleFile> files,
      byte[] manifest,
      List<Purges.Purge> purges) {
    this.repo = repo;
    this.date = date;
    this.type = type;
    this.base = base;
    this.baseManifestSha256 = baseManifestSha256;
    this.chunkSize = chunkSize;
    this.files = List.copyOf(files);
    this.purges = List.copyOf(purges);
    this.manifest = manifest.clone();
    List<List<Toc.Entry>> out = new ArrayList<>();
    this.maxBytes = layout(this.files, chunkSize, out);
    this.chunks = List.copyOf(out);
  }

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
  public int fileCount() {
    return files.size();
  }

  /** The files' bytes. */
  public long bytes() {
    return files.stream().mapToLong(Toc.BundleFile::size).sum();
  }

  public int chunkCount() {
    return chunks.size();
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

  List<Toc.BundleFile> files() {
    return files;
  }

  /** The purges of pool files the snapshot lists, which the bundle leaves out. */
  public List<Purges.Purge> purges() {
    return purges;
  }

  byte[] manifest() {
    return manifest.clone();
  }

  List<List<Toc.Entry>> chunks() {
    return chunks;
  }

  /**
   * Fills chunks in file order, splitting a file where a chunk is full so that media fill up; every
   * chunk stays below {@code chunkSize}. Returns the upper bound of all chunks' bytes.
   */
  static long layout(List<Toc.BundleFile> files, long chunkSize, List<List<Toc.Entry>> out) {
    long total = 0;
    List<Toc.Entry> current = new ArrayList<>();
    long used = 0;
    for (Toc.BundleFile f : files) {
      long offset = 0;
      while (true) {
        long room = chunkSize - 1 - TarChunks.END - used - TarChunks.entryBytes(f.path(), 0);
        long fit = room < 0 ? -1 : room / TarChunks.BLOCK * TarChunks.BLOCK;
        long remaining = f.size() - offset;
        boolean fits = remaining == 0 ? fit >= 0 : fit >= TarChunks.BLOCK;
        if (!fits) {
          if (current.isEmpty()) {
            throw new IllegalArgumentException(
                "chunk size " + chunkSize + " is too small for the tar header of " + f.path());
          }
          out.add(List.copyOf(current));
          total += used + TarChunks.END;
          current.clear();
          used = 0;
          continue;
        }
        long length = Math.min(remaining, fit);
        current.add(new Toc.Entry(f.path(), offset, length));
        used += TarChunks.entryBytes(f.path(), length);
        offset += length;
        if (offset == f.size()) {
          break;
        }
      }
    }
    if (!current.isEmpty()) {
      out.add(List.copyOf(current));
      total += used + TarChunks.END;
    }
    return total;
  }
}
