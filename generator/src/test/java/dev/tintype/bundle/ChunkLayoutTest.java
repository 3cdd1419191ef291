package dev.tintype.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkLayoutTest {
  private static final String SHA = "ab".repeat(32);

  @Test
  void tarHeadersNeverExceedTheEstimateForLongAndNonAsciiNames() throws IOException {
    List<String> names =
        List.of(
            "a",
            "x".repeat(99),
            "x".repeat(100),
            "pool/ab/ab/" + SHA + "/" + "x".repeat(255),
            "pool/ab/ab/" + SHA + "/Ünïcödé_1.0-€.tar.gz",
            "cran/2026-11-27/" + "d/".repeat(120) + "PACKAGES");
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      for (String name : names) {
        for (long length : new long[] {0, 1, 511, 512, 513, 10_000}) {
          Path p = fs.getPath("/t-" + name.length() + "-" + length + ".tar");
          try (TarChunks.Writer w = new TarChunks.Writer(p)) {
            w.begin(name, length);
            w.data().write(new byte[(int) length]);
            w.end();
            w.finish();
            assertThat(w.size())
                .as(name + " " + length)
                .isEqualTo(Files.size(p))
                .isLessThanOrEqualTo(TarChunks.entryBytes(name, length) + TarChunks.END);
          }
          try (TarChunks.Reader r = new TarChunks.Reader(p, p.toString())) {
            InputStream in = r.next(new Toc.Entry(name, 0, length));
            assertThat(in.readAllBytes()).hasSize((int) length);
            r.end();
          }
        }
      }
    }
  }

  @Test
  void filesFillChunksInOrderAndSplitWhereAChunkIsFull() {
    List<Toc.BundleFile> files =
        List.of(file("pool/a", 10_000), file("pool/b", 200_000), file("pool/c", 0), file("m", 5));
    List<List<Toc.Entry>> chunks = new ArrayList<>();
    long max = ExportPlan.layout(files, 64 << 10, chunks);

    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(0).get(0)).isEqualTo(new Toc.Entry("pool/a", 0, 10_000));
    assertThat(chunks.get(0).get(1).path()).isEqualTo("pool/b");
    long bTotal =
        chunks.stream()
            .flatMap(List::stream)
            .filter(e -> e.path().equals("pool/b"))
            .mapToLong(Toc.Entry::length)
            .sum();
    assertThat(bTotal).isEqualTo(200_000);
    assertThat(chunks.get(3)).extracting(Toc.Entry::path).containsExactly("pool/b", "pool/c", "m");
    assertThat(max).isLessThan(4L * (64 << 10));
  }

  @Test
  void aChunkTooSmallForOneHeaderIsRefused() {
    List<List<Toc.Entry>> chunks = new ArrayList<>();
    assertThatThrownBy(
            () -> ExportPlan.layout(List.of(file("p/" + "x".repeat(800), 1)), 2048, chunks))
        .hasMessageContaining("too small for the tar header");
  }

  private static Toc.BundleFile file(String path, long size) {
    return new Toc.BundleFile(path, size, SHA);
  }
}
