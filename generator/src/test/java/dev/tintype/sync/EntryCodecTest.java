package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.Hex;
import dev.tintype.format.manifest.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
  private static final String SHA = "0123456789abcdef".repeat(4);
  private static final String MD5 = "fedcba9876543210".repeat(2);

  @Test
  void entriesComeBackAsTheyWentInWhateverTheirPathsAndDigests() throws IOException {
    FileEntry plain = new FileEntry("simple/demo/index.html", 12, SHA, null);
    FileEntry cran = new FileEntry("pool/ab/cd/h/Größe_1.0.tar.gz", 1L << 40, SHA, MD5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      EntryCodec.write(out, plain);
      EntryCodec.writeEntry(out, "key/one", cran);
      EntryCodec.writeEntry(out, plain.path(), plain);
      EntryCodec.writeEntry(out, "skipped", cran);
      EntryCodec.write(out, cran);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(EntryCodec.read(in)).isEqualTo(plain);
      assertThat(EntryCodec.readText(in)).isEqualTo("key/one");
      assertThat(EntryCodec.readEntry(in, "key/one")).isEqualTo(cran);
      String key = EntryCodec.readText(in);
      assertThat(EntryCodec.readEntry(in, key)).isEqualTo(plain);
      assertThat(EntryCodec.readText(in)).isEqualTo("skipped");
      EntryCodec.skipEntry(in);
      assertThat(EntryCodec.read(in)).isEqualTo(cran);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void everyByteValueSurvivesTheHexDigits() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String hex = Hex.lower(all);
    assertThat(hex).isEqualTo(HexFormat.of().formatHex(all));
    assertThat(EntryCodec.fromHex(hex)).isEqualTo(all);
  }

  @Test
  void textTooLongForARecordIsRefusedNamingIt() {
    String path = "simple/" + "x".repeat(70_000);
    assertThatThrownBy(
            () -> EntryCodec.writeText(new DataOutputStream(new ByteArrayOutputStream()), path))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("70007 bytes")
        .hasMessageContaining("simple/xxx");
  }
}
