package dev.tintype.format.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.dcf.TestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden files in src/test/resources/rds were written by R 4.2.2 (see make-golden.R there). */
class RdsWriterTest {
  static byte[] golden(String name) throws IOException {
    try (InputStream in = RdsWriterTest.class.getResourceAsStream("/rds/" + name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static byte[] write(RValue value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdsWriter.write(out, value);
    return out.toByteArray();
  }

  @Test
  void writesStringsWithAsciiUtf8AndNaFlagsAsR() throws IOException {
    assertThat(write(RValue.strings("a", null, "\u00e9", "", "\u4e2d\ud83d\ude00")))
        .isEqualTo(golden("strings.rds"));
  }

  @Test
  void writesACharacterMatrixWithDimnamesAsR() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdsWriter.writeCharacterMatrix(
        out,
        List.of("Version", "Note"),
        List.of("a", "b"),
        List.of(Arrays.asList("1.0", "x"), Arrays.asList(null, "\u00e9t\u00e9")));
    assertThat(out.toByteArray()).isEqualTo(golden("matrix.rds"));
  }

  @Test
  void writesNullLogicalDoubleAndIntegerVectorsAsR() throws IOException {
    RValue value =
        RValue.list(
            RValue.NULL,
            RValue.logicals(true),
            RValue.doubles(1.5, Double.NEGATIVE_INFINITY, Double.NaN),
            RValue.ints(1, 2, 3));
    assertThat(write(value)).isEqualTo(golden("misc.rds"));
  }

  @Test
  void writesANamedListOfFileInfoDataFramesAsArchiveRdsNeeds() throws IOException {
    RValue a3 =
        fileInfo(
            List.of("A3/A3_0.9.1.tar.gz", "A3/A3_0.9.2.tar.gz"),
            RValue.doubles(1234.0, null),
            RValue.logicals(false, null),
            RValue.ints(0644, null),
            new Double[] {1600000000.5, null},
            new Double[] {1600000001.0, 1.0},
            new Double[] {1600000002.0, 2.0},
            RValue.ints(1000, null),
            RValue.ints(1000, 0),
            RValue.strings("cran", null),
            RValue.strings("cran", "root"));
    RValue empty =
        fileInfo(
            List.of(),
            RValue.doubles(),
            RValue.logicals(),
            RValue.ints(),
            new Double[0],
            new Double[0],
            new Double[0],
            RValue.ints(),
            RValue.ints(),
            RValue.strings(),
            RValue.strings());
    RValue archive = RValue.list(a3, empty).withAttribute("names", RValue.strings("A3", "abc"));
    assertThat(write(archive)).isEqualTo(golden("archive.rds"));
  }

  private static RValue fileInfo(
      List<String> rowNames,
      RValue size,
      RValue isdir,
      RValue.IntVec mode,
      Double[] mtime,
      Double[] ctime,
      Double[] atime,
      RValue uid,
      RValue gid,
      RValue uname,
      RValue grname) {
    return RValue.list(
            size,
            isdir,
            mode.withAttribute("class", RValue.strings("octmode")),
            posixct(mtime),
            posixct(ctime),
            posixct(atime),
            uid,
            gid,
            uname,
            grname)
        .withAttribute(
            "names",
            RValue.strings(
                "size", "isdir", "mode", "mtime", "ctime", "atime", "uid", "gid", "uname",
                "grname"))
        .withAttribute("row.names", RValue.strings(rowNames))
        .withAttribute("class", RValue.strings("data.frame"));
  }

  private static RValue posixct(Double[] seconds) {
    return RValue.doubles(seconds).withAttribute("class", RValue.strings("POSIXct", "POSIXt"));
  }

  @Test
  void writesTheFixturePackagesRdsByteForByteGivenItsWriterVersion() throws IOException {
    byte[] expected =
        Files.readAllBytes(TestSupport.fixture("cran/pkgcache/packages/PACKAGES.rds"));
    List<DcfRecord> records =
        TestSupport.readDcf(TestSupport.fixture("cran/pkgcache/packages/PACKAGES"));
    // write_PACKAGES made this matrix: its columns are R's standard fields, then Path.
    List<String> columns =
        List.of(
            "Package",
            "Version",
            "Priority",
            "Depends",
            "Imports",
            "LinkingTo",
            "Suggests",
            "Enhances",
            "License",
            "License_is_FOSS",
            "License_restricts_use",
            "OS_type",
            "Archs",
            "MD5sum",
            "NeedsCompilation",
            "Path");
    assertThat(columns)
        .containsAll(
            new LinkedHashSet<>(records.stream().flatMap(r -> r.tags().stream()).toList()));
    List<String> rowNames = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (DcfRecord r : records) {
      rowNames.add(r.require("Package"));
      // write_PACKAGES turns empty values (AATtools has "Suggests: ") into NA.
      rows.add(columns.stream().map(c -> r.get(c).filter(v -> !v.isEmpty()).orElse(null)).toList());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The fixture was written by R 4.2.1; the version is the only thing that depends on the R.
    RdsWriter.write(
        out, RdsWriter.characterMatrix(columns, rowNames, rows), RdsWriter.rVersion(4, 2, 1));
    assertThat(out.toByteArray()).isEqualTo(expected);

    ByteArrayOutputStream current = new ByteArrayOutputStream();
    RdsWriter.writeCharacterMatrix(current, columns, rowNames, rows);
    byte[] ours = current.toByteArray();
    assertThat(Arrays.copyOfRange(ours, 6, 10)).containsExactly(0, 4, 2, 2);
    System.arraycopy(expected, 6, ours, 6, 4);
    assertThat(ours).isEqualTo(expected);
  }

  @Test
  void rejectsRowsOfTheWrongLength() {
    assertThatThrownBy(
            () ->
                RdsWriter.characterMatrix(
                    List.of("Package", "Version"), List.of("a"), List.of(List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 ('a') has 1 cells, expected 2");
    assertThatThrownBy(
            () ->
                RdsWriter.characterMatrix(
                    List.of("Package"), List.of("a", "b"), List.of(List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 row names");
  }

  @Test
  void valuesAreValidated() {
    assertThatThrownBy(() -> RValue.ints(Integer.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RValue.strings("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RValue.NULL.withAttribute("names", RValue.strings("x")))
        .isInstanceOf(IllegalArgumentException.class);
    RValue.StrVec v = RValue.strings("a").withAttribute("names", RValue.strings("x"));
    assertThat(v.withAttribute("names", RValue.strings("y")).attributes())
        .containsExactly(Map.entry("names", RValue.strings("y")));
  }

  @Test
  void theStreamedMatrixHasTheBytesOfTheMatrixValue() throws IOException {
    List<String> cols = List.of("Package", "Version", "Note");
    List<String> names = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      names.add("p" + i);
      rows.add(
          Arrays.asList("p" + i, i % 3 == 0 ? null : "1." + i, i % 7 == 0 ? "\u00e9" + i : ""));
    }
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    RdsWriter.writeCharacterMatrix(streamed, cols, names, rows);
    assertThat(streamed.toByteArray())
        .hasSizeGreaterThan(64 * 1024)
        .isEqualTo(write(RdsWriter.characterMatrix(cols, names, rows)));
  }

  @Test
  void theStreamedMatrixRefusesWhatTheMatrixValueRefuses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                RdsWriter.writeCharacterMatrix(
                    out, List.of("Package", "Version"), List.of("a"), List.of(List.of("a"))))
        .hasMessageContaining("row 1 ('a') has 1 cells, expected 2");
    assertThatThrownBy(
            () ->
                RdsWriter.writeCharacterMatrix(
                    out, List.of("Package"), List.of("a\0"), List.of(List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(
            () ->
                RdsWriter.writeCharacterMatrix(
                    out, List.of("Package"), List.of("a"), List.of(List.of("a\0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThat(out.size()).as("nothing written before a refusal").isZero();
  }
}
