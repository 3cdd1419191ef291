package dev.tintype.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.purge.Purges;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TocWriterTest {
  private static final String SHA = "a".repeat(64);
  private static final String OTHER = "b".repeat(64);

  @Test
  void aStreamedTableOfContentsIsByteForByteTheMappersOne() throws IOException {
    Toc toc =
        toc(
            null,
            null,
            List.of(
                new Purges.Purge(
                    "2026-01-03",
                    "cran",
                    "evil",
                    List.of(new Purges.PurgedFile("pool/aa/aa/" + SHA + "/evil.tar.gz", SHA)),
                    "malware")));
    assertThat(streamed(toc)).isEqualTo(new String(TocJson.write(toc), "UTF-8"));
  }

  @Test
  void anIncrementalTableOfContentsWithoutPurgesStreamsAsTheMapperWritesIt() throws IOException {
    Toc toc = toc("2026-01-01", OTHER, List.of());
    String text = streamed(toc);
    assertThat(text).isEqualTo(new String(TocJson.write(toc), "UTF-8")).doesNotContain("purges");
  }

  private static Toc toc(String base, String baseSha, List<Purges.Purge> purges) {
    List<Toc.BundleFile> files =
        List.of(
            new Toc.BundleFile("pool/aa/x.tar.gz", 3000, SHA),
            new Toc.BundleFile("pool/bb/\"q\"\u00e9.whl", 0, OTHER),
            new Toc.BundleFile("cran/2026-01-02/manifest.json", 10, SHA));
    List<Toc.Chunk> chunks =
        List.of(
            new Toc.Chunk(
                "chunk-0001.tar", 2560, SHA, List.of(new Toc.Entry("pool/aa/x.tar.gz", 0, 1024))),
            new Toc.Chunk(
                "chunk-0002.tar",
                5120,
                OTHER,
                List.of(
                    new Toc.Entry("pool/aa/x.tar.gz", 1024, 1976),
                    new Toc.Entry("pool/bb/\"q\"\u00e9.whl", 0, 0),
                    new Toc.Entry("cran/2026-01-02/manifest.json", 0, 10))));
    return new Toc(
        Toc.FORMAT,
        Toc.VERSION,
        "cran",
        "cran",
        "2026-01-02",
        base,
        baseSha,
        1 << 20,
        chunks,
        files,
        purges);
  }

  private static String streamed(Toc toc) throws IOException {
    Iterator<Toc.Entry> entries =
        toc.chunks().stream().flatMap(c -> c.entries().stream()).iterator();
    Iterator<Toc.BundleFile> files = toc.files().iterator();
    List<TocWriter.ChunkHead> heads =
        toc.chunks().stream()
            .map(c -> new TocWriter.ChunkHead(c.name(), c.size(), c.sha256(), c.entries().size()))
            .toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TocWriter.write(out, toc, heads, entries::next, () -> files.hasNext() ? files.next() : null);
    return out.toString("UTF-8");
  }
}
