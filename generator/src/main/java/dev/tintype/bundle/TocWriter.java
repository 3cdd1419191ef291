package dev.tintype.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams {@code tintype-bundle.json} byte for byte as {@link TocJson#write} would, with the chunk
 * entries and the files coming from elsewhere (an export's spool files) instead of lists in memory:
 * a bundle of a large PyPI mirror lists hundreds of thousands.
 */
final class TocWriter {
  /** The next item, or null after the last. */
  interface Items<T> {
    T next() throws IOException;
  }

  /** A chunk without its entries, which {@link #write} reads, {@code entries} of them. */
  record ChunkHead(String name, long size, String sha256, long entries) {}

  private TocWriter() {}

  /**
   * Writes a table of contents with {@code head}'s fields (its own chunks and files are ignored),
   * {@code chunks} in order, and each chunk's entries and then the files taken from the sources.
   */
  static void write(
      OutputStream out,
      Toc head,
      List<ChunkHead> chunks,
      Items<Toc.Entry> entries,
      Items<Toc.BundleFile> files)
      throws IOException {
    try (JsonGenerator g = TocJson.mapper().getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      // The mapper's indented printer, with LF on every platform.
      g.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      g.writeStartObject();
      g.writeStringField("format", head.format());
      g.writeNumberField("version", head.version());
      g.writeStringField("repo", head.repo());
      g.writeStringField("type", head.type());
      g.writeStringField("date", head.date());
      g.writeStringField("base", head.base());
      g.writeStringField("baseManifestSha256", head.baseManifestSha256());
      g.writeNumberField("chunkSize", head.chunkSize());
      g.writeArrayFieldStart("chunks");
      for (ChunkHead c : chunks) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeNumberField("size", c.size());
        g.writeStringField("sha256", c.sha256());
        g.writeArrayFieldStart("entries");
        for (long i = 0; i < c.entries(); i++) {
          Toc.Entry e = entries.next();
          g.writeStartObject();
          g.writeStringField("path", e.path());
          g.writeNumberField("offset", e.offset());
          g.writeNumberField("length", e.length());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (Toc.BundleFile f; (f = files.next()) != null; ) {
        g.writeStartObject();
        g.writeStringField("path", f.path());
        g.writeNumberField("size", f.size());
        g.writeStringField("sha256", f.sha256());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!head.purges().isEmpty()) {
        g.writeFieldName("purges");
        TocJson.mapper().writeValue(g, head.purges());
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
