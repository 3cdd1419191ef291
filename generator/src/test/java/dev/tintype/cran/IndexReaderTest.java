package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fetch.Fetcher;
import dev.tintype.fixtures.hostile.GzipBomb;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IndexReaderTest {
  private static final String URL = "https://cran.example/src/contrib/PACKAGES.gz";
  private static final byte[] TINY =
      "Package: a\nVersion: 1.0\n\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void aBombOfTinyRecordsIsRefusedOnceItsRecordsWouldPassTheHeapBudget() throws IOException {
    IndexReader.Result r =
        IndexReader.gzip(URL, 1L << 30, 8 << 20).read(page(GzipBomb.of(5L << 30, TINY)));
    assertThat(r.records()).isNull();
    assertThat(r.refused())
        .hasMessageStartingWith(URL + ": record ")
        .hasMessageContaining("past 8 MiB, half of this JVM's heap")
        .hasMessageContaining("-Xmx");
  }

  @Test
  void anIndexWithinTheBudgetIsReadWhole() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append("Package: pkg").append(i).append("\nVersion: 1.0\nImports: a, b, c\n\n");
    }
    IndexReader.Result r = IndexReader.gzip(URL, 1L << 30, 8 << 20).read(page(gzip(text)));
    assertThat(r.refused()).isNull();
    assertThat(r.records()).hasSize(1000);
  }

  @Test
  void theEstimateOfARecordGrowsWithItsText() throws IOException {
    DcfRecord small = record("Package: a\n");
    DcfRecord large = record("Package: a\nImports: " + "x".repeat(100) + "\n");
    assertThat(IndexReader.cost(small)).isEqualTo(IndexReader.RECORD_OVERHEAD + 5 * 8);
    assertThat(IndexReader.cost(large) - IndexReader.cost(small)).isEqualTo(5 * 107);
  }

  private static DcfRecord record(String text) throws IOException {
    return Dcf.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t").get(0);
  }

  private static Fetcher.PageBody page(byte[] body) {
    return new Fetcher.PageBody(new ByteArrayInputStream(body), Map.of(), URL);
  }

  private static byte[] gzip(CharSequence text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
