package dev.tintype.bundle;

import dev.tintype.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the tar chunks of an export as {@link ChunkLayout} lays them out: opens each chunk at its
 * first entry, copies every piece from storage through a {@link CheckedSource}, and records each
 * chunk's size and sha256 while its entries go to the spool.
 */
final class ChunkFiles implements ChunkLayout.Sink {
  private final ExportPlan plan;
  private final Storage storage;
  private final Path out;
  private final List<Path> written;
  private final CheckedSource source;
  private final ExportSpool spool;
  private final BundleListener listener;
  private final List<TocWriter.ChunkHead> heads = new ArrayList<>();
  private TarChunks.Writer writer;
  private String name;
  private long entries;

  ChunkFiles(
      ExportPlan plan,
      Storage storage,
      Path out,
      List<Path> written,
      CheckedSource source,
      ExportSpool spool,
      BundleListener listener) {
    this.plan = plan;
    this.storage = storage;
    this.out = out;
    this.written = written;
    this.source = source;
    this.spool = spool;
    this.listener = listener;
  }

  @Override
  public void entry(Toc.BundleFile f, Toc.Entry e) throws IOException {
    if (writer == null) {
      int n = heads.size() + 1;
      name = Bundle.chunkName(n);
      listener.chunk(name, n, plan.chunkCount());
      Path file = out.resolve(name);
      written.add(file);
      writer = new TarChunks.Writer(file);
      entries = 0;
    }
    if (e.offset() == 0) {
      source.open(f, storage.open(f.path()));
    }
    writer.begin(e.path(), e.length());
    source.copy(writer.data(), e.length());
    writer.end();
    if (e.offset() + e.length() == f.size()) {
      source.finish();
    }
    spool.entry(e);
    entries++;
  }

  @Override
  public void chunkEnd() throws IOException {
    try (TarChunks.Writer w = writer) {
      writer = null;
      w.finish();
      if (w.size() >= plan.chunkSize()) {
        throw new IllegalStateException(
            "%s came out %d bytes, not below %d".formatted(name, w.size(), plan.chunkSize()));
      }
      heads.add(new TocWriter.ChunkHead(name, w.size(), w.sha256(), entries));
    }
  }

  /** The chunks written, with how many entries of the spool each holds. */
  List<TocWriter.ChunkHead> heads() {
    return heads;
  }

  List<Exporter.Exported.Chunk> written() {
    return heads.stream()
        .map(h -> new Exporter.Exported.Chunk(h.name(), h.size(), h.sha256()))
        .toList();
  }
}
