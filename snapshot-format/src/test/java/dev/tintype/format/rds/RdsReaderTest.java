package dev.tintype.format.rds;

import static dev.tintype.format.rds.RdsWriterTest.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Golden files in src/test/resources/rds were written by R 4.2.2 (see make-golden.R there). */
class RdsReaderTest {
  private static RValue read(byte[] b) throws IOException {
    return RdsReader.read(new ByteArrayInputStream(b), "test.rds");
  }

  private static byte[] write(RValue v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdsWriter.write(out, v);
    return out.toByteArray();
  }

  @Test
  void readsWhatRWroteAsVersion2AndWritesItBackByteForByte() throws IOException {
    for (String name : List.of("strings.rds", "matrix.rds", "misc.rds", "archive.rds")) {
      byte[] b = golden(name);
      assertThat(write(read(b))).as(name).isEqualTo(b);
    }
  }

  @Test
  void readsTheGzippedVersion3ThatSaveRdsWritesByDefaultAsTheSameValue() throws IOException {
    assertThat(read(golden("archive-v3.rds"))).isEqualTo(read(golden("archive.rds")));
  }

  @Test
  void readsCompactSequencesAutomaticRowNamesAndLatin1() throws IOException {
    RValue.ListVec v = (RValue.ListVec) read(golden("compact-v3.rds"));
    assertThat(v.attributes().get("names")).isEqualTo(RValue.strings("seq", "df", "lat"));
    assertThat(v.values().get(0)).isEqualTo(RValue.ints(1, 2, 3, 4, 5));
    RValue.ListVec df = (RValue.ListVec) v.values().get(1);
    assertThat(df.values()).containsExactly(RValue.doubles(1.5, 2.0), RValue.strings("x", "y"));
    assertThat(df.attributes().get("row.names")).isEqualTo(RValue.ints(null, -2));
    assertThat(v.values().get(2)).isEqualTo(RValue.strings("caf\u00e9"));
  }

  @Test
  void somethingThatIsNotAnRObjectIsRefusedByName() {
    assertThatThrownBy(() -> read("<html>not found</html>".getBytes()))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("test.rds: not an R object");
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("test.rds");
    assertThatThrownBy(() -> read(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2}))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("test.rds");
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    byte[] b = golden("archive.rds");
    assertThatThrownBy(() -> read(Arrays.copyOf(b, b.length - 10)))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("test.rds: truncated");
  }

  @Test
  void hugeClaimedLengthsDeepNestingAndBombsStayWithinBounds() throws IOException {
    // A vector that claims 2^31-9 elements in a 30-byte file.
    byte[] claim = Arrays.copyOf(golden("misc.rds"), 22);
    claim[17] = 13; // INTSXP
    claim[18] = 0x7f;
    claim[19] = (byte) 0xff;
    claim[20] = (byte) 0xff;
    claim[21] = (byte) 0xf0;
    RdsReader.Limits small = new RdsReader.Limits(1 << 20, 1000, 8);
    assertThatThrownBy(() -> RdsReader.read(new ByteArrayInputStream(claim), "x.rds", small))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("x.rds");

    RValue deep = RValue.NULL;
    for (int i = 0; i < 20; i++) {
      deep = RValue.list(deep);
    }
    byte[] nested = write(deep);
    assertThatThrownBy(() -> RdsReader.read(new ByteArrayInputStream(nested), "x.rds", small))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("nested deeper than 8");

    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      gz.write(write(RValue.doubles(new Double[200_000])));
    }
    assertThatThrownBy(
            () ->
                RdsReader.read(
                    new ByteArrayInputStream(bomb.toByteArray()),
                    "x.rds",
                    new RdsReader.Limits(100_000, 1_000_000, 8)))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("larger than 100000 bytes");
  }

  @Test
  void environmentsAndFunctionsAreRefused() throws IOException {
    byte[] b = golden("misc.rds");
    byte[] env = Arrays.copyOf(b, 18);
    env[17] = (byte) 253; // GLOBALENV_SXP
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(RdsException.class)
        .hasMessageContaining("R type 253");
  }

  @Test
  void aListWrittenOneElementAtATimeHasTheBytesOfTheWholeList() throws IOException {
    RValue.ListVec whole = (RValue.ListVec) read(golden("archive.rds"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdsWriter.writeList(
        out,
        whole.values().size(),
        whole.values(),
        Map.of("names", whole.attributes().get("names")));
    assertThat(out.toByteArray()).isEqualTo(golden("archive.rds"));
    assertThatThrownBy(() -> RdsWriter.writeList(out, 3, whole.values(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the 3 declared");
  }
}
