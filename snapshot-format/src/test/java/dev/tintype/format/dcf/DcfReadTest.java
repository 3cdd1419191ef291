package dev.tintype.format.dcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcfReadTest {
  private static List<DcfRecord> read(String text) throws DcfException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<DcfRecord> read(byte[] bytes) throws DcfException {
    return Dcf.read(new ByteArrayInputStream(bytes), "PACKAGES");
  }

  @Test
  void recordsAreSeparatedByEmptyOrWhiteSpaceOnlyLines() throws Exception {
    List<DcfRecord> records = read("\n\nPackage: a\nVersion: 1\n\n \t\n\nPackage: b\n\n\n");
    assertThat(records).hasSize(2);
    assertThat(records.get(0).fields())
        .containsExactly(java.util.Map.entry("Package", "a"), java.util.Map.entry("Version", "1"));
    assertThat(records.get(1).require("Package")).isEqualTo("b");
  }

  @Test
  void crlfReadsLikeLf() throws Exception {
    String lf = "Package: a\nImports: x,\n    y\n\nPackage: b\n";
    assertThat(read(lf.replace("\n", "\r\n"))).isEqualTo(read(lf));
  }

  @Test
  void aLastLineWithoutNewlineIsRead() throws Exception {
    assertThat(read("Package: a\nVersion: 1").get(0).require("Version")).isEqualTo("1");
  }

  @Test
  void emptyInputHasNoRecords() throws Exception {
    assertThat(read("")).isEmpty();
    assertThat(read("\n \n")).isEmpty();
  }

  @Test
  void foldedFieldsJoinStrippedLinesWithNewlines() throws Exception {
    DcfRecord r =
        read("Package: a\nX:   v1  \nY: first  \n   second \t\n\t third\n .\n    .  \n fourth\n"
                + "Z:\n  only cont\nW:nospace\n")
            .get(0);
    assertThat(r.require("X")).isEqualTo("v1");
    assertThat(r.require("Y")).isEqualTo("first\nsecond\nthird\n\n\nfourth");
    assertThat(r.require("Z")).isEqualTo("only cont");
    assertThat(r.require("W")).isEqualTo("nospace");
  }

  @Test
  void descriptionAuthorAndFriendsKeepTheirWhiteSpace() throws Exception {
    DcfRecord r =
        read("Package: a\nDescription:  d1  \n    d2\n .\n   d3  \nAuthors@R:\n    c(\n      x)\n"
                + "Author: au\n  .\n  au2\n")
            .get(0);
    assertThat(r.require("Description")).isEqualTo("d1  \n    d2\n\n   d3  ");
    assertThat(r.require("Authors@R")).isEqualTo("\n    c(\n      x)");
    assertThat(r.require("Author")).isEqualTo("au\n\n  au2");
  }

  @Test
  void aRepeatedTagKeepsItsFirstPlaceAndLastValue() throws Exception {
    DcfRecord r = read("Package: a\nRemotes: x\nEncoding: UTF-8\nRemotes: y\n").get(0);
    assertThat(r.tags()).containsExactly("Package", "Remotes", "Encoding");
    assertThat(r.require("Remotes")).isEqualTo("y");
  }

  @Test
  void aLatin1RecordIsDecodedAsLatin1AndOthersAsUtf8() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        "Package: a\nAuthor: S\u00f8ren\nEncoding: latin1\n\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes("Package: b\nAuthor: S\u00f8ren\n".getBytes(StandardCharsets.UTF_8));
    List<DcfRecord> records = read(bytes.toByteArray());
    assertThat(records.get(0).require("Author")).isEqualTo("S\u00f8ren");
    assertThat(records.get(0).require("Encoding")).isEqualTo("latin1");
    assertThat(records.get(1).require("Author")).isEqualTo("S\u00f8ren");
  }

  @Test
  void invalidUtf8IsAnErrorNamingThePackageAndLine() {
    byte[] bytes =
        "Package: a\n\nPackage: doBy\nAuthor: S\u00f8ren\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("PACKAGES line 4")
        .hasMessageContaining("'doBy'")
        .hasMessageContaining("UTF-8")
        .hasCauseInstanceOf(java.nio.charset.CharacterCodingException.class);
  }

  @Test
  void aLineWithoutTagIsAnErrorShowingTheTruncatedLine() {
    String longLine = "This a good DESCRIPTION file " + "x".repeat(100);
    assertThatThrownBy(() -> read("Package: a\n" + longLine + "\n"))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("PACKAGES line 2")
        .hasMessageContaining("\"This a good DESCRIPTION file")
        .hasMessageNotContaining("x".repeat(100));
  }

  @Test
  void aContinuationLineCannotStartARecord() {
    assertThatThrownBy(() -> read("Package: a\n\n  orphan\n"))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("continuation");
  }

  @Test
  void aTagWithWhiteSpaceIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> read("Package: a\nBad Tag: x\n"))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("PACKAGES line 2")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aByteOrderMarkIsSkipped() throws Exception {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(bom);
    bytes.writeBytes("Package: a\n".getBytes(StandardCharsets.UTF_8));
    assertThat(read(bytes.toByteArray()).get(0).tags()).containsExactly("Package");
  }

  @Test
  void readErrorsNameTheSource() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            throw new java.io.IOException("disk on fire");
          }
        };
    assertThatThrownBy(() -> Dcf.read(failing, "https://cran/PACKAGES"))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("https://cran/PACKAGES")
        .hasRootCauseMessage("disk on fire");
  }

  @Test
  void aRecordOfExactlyTheLimitIsRead() throws Exception {
    String value = "a".repeat(Dcf.MAX_RECORD_BYTES - "Package: \n".length());
    List<DcfRecord> records = read("Package: small\n\nPackage: " + value + "\n");
    assertThat(records).hasSize(2);
    assertThat(records.get(1).get("Package")).hasValue(value);
  }

  @Test
  void aRecordOneByteOverTheLimitIsRefusedNamingTheSourceAndTheRecord() {
    String first = "Title: " + "t".repeat(100) + "\n";
    String value = "a".repeat(Dcf.MAX_RECORD_BYTES - first.length() - "Package: \n".length() + 1);
    assertThatThrownBy(() -> read("Package: small\n\n\n" + first + "Package: " + value + "\n"))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("PACKAGES record 2 (from line 4)")
        .hasMessageContaining(String.valueOf(Dcf.MAX_RECORD_BYTES));
  }

  @Test
  void endlessBytesWithoutALineEndFailWithoutBeingBufferedWhole() {
    long[] served = {0};
    InputStream zeros =
        new InputStream() {
          @Override
          public int read() {
            served[0]++;
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            served[0] += len;
            return len;
          }
        };
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> Dcf.read(zeros, "https://cran/PACKAGES.gz"))
                .isInstanceOf(DcfException.class)
                .hasMessageContaining("https://cran/PACKAGES.gz record 1 (from line 1)")
                .hasMessageContaining("larger than " + Dcf.MAX_RECORD_BYTES + " bytes"));
    assertThat(served[0]).isLessThanOrEqualTo(Dcf.MAX_RECORD_BYTES + 64 * 1024);
  }

  @Test
  void blankLinesBetweenRecordsDoNotCountTowardsTheLimit() throws Exception {
    String blanks = "\n".repeat(Dcf.MAX_RECORD_BYTES + 10);
    assertThat(read("Package: a\n" + blanks + "Package: b\n" + blanks)).hasSize(2);
  }

  @Test
  void forEachHandsOverEachRecordBeforeReadingOn() {
    byte[] first = "Package: a\nVersion: 1.0\n\nPackage: b\n".getBytes(StandardCharsets.UTF_8);
    InputStream breaksAfterTheFirstRecord =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(first),
            new InputStream() {
              @Override
              public int read() throws java.io.IOException {
                throw new java.io.IOException("connection reset");
              }
            });
    List<String> seen = new java.util.ArrayList<>();
    assertThatThrownBy(
            () ->
                Dcf.forEach(
                    breaksAfterTheFirstRecord,
                    "PACKAGES",
                    r -> seen.add(r.get("Package").orElseThrow())))
        .isInstanceOf(DcfException.class)
        .hasMessageContaining("PACKAGES")
        .hasRootCauseMessage("connection reset");
    assertThat(seen).containsExactly("a");
  }

  @Test
  void whatTheHandlerThrowsIsPassedOnUnchanged() {
    java.io.IOException stop = new java.io.IOException("enough");
    assertThatThrownBy(
            () ->
                Dcf.forEach(
                    new ByteArrayInputStream("Package: a\n".getBytes(StandardCharsets.UTF_8)),
                    "PACKAGES",
                    r -> {
                      throw stop;
                    }))
        .isSameAs(stop);
  }

  @Test
  void readsTwentyThousandRecordsQuickly() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("Package: pkg")
          .append(i)
          .append("\nVersion: 1.0.")
          .append(i)
          .append(
              "\nDepends: R (>= 3.5.0)\nImports: aaaaaaaaaa, bbbbbbbbbbbbb, ccccccccccccc, dddddddddd,\n")
          .append(
              "        eeeeeeeeeee, fffffffffff\nLicense: GPL-3\nMD5sum: 0123456789abcdef0123456789abcdef\n")
          .append("NeedsCompilation: no\n\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    List<DcfRecord> records = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(bytes));
    assertThat(records).hasSize(20_000);
    assertThat(records.get(19_999).require("Imports"))
        .endsWith("dddddddddd,\neeeeeeeeeee, fffffffffff");
  }
}
