package dev.tintype.format.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.dcf.TestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Golden files in src/test/resources/cran were written by R 4.2.2 (see make-golden.R there). */
class PackagesIndexTest {
  /** The records of make-golden.R, with fields in DESCRIPTION order rather than index order. */
  static final List<DcfRecord> RECORDS =
      List.of(
          DcfRecord.builder()
              .add("Package", "A3")
              .add(
                  "Title",
                  "Accurate, Adaptable, and Accessible Error Metrics for Predictive Models")
              .add("Version", "1.0.0")
              .add("Depends", "R (>= 2.15.0), xtable, pbapply")
              .add("Suggests", "randomForest, e1071")
              .add("License", "GPL (>= 2)")
              .add("NeedsCompilation", "no")
              .add("MD5sum", "027ebdd8affce8f0effaecfcd5f5ade2")
              .build(),
          DcfRecord.builder()
              .add("Package", "aaSEA")
              .add("Version", "1.1.0")
              .add("Author", "G\u00e1bor Cs\u00e1rdi")
              .add("Depends", "R(>= 3.4.0)")
              .add(
                  "Imports",
                  "DT(>= 0.4), networkD3(>= 0.4), shiny(>= 1.0.5),\nshinydashboard(>= 0.7.0),"
                      + " magrittr(>= 1.5), Bios2cor(>= 2.0),\nseqinr(>= 3.4-5), plotly(>= 4.7.1),"
                      + " Hmisc(>= 4.1-1)")
              .add("Suggests", "")
              .add("License", "GPL-3")
              .add("MD5sum", "0f9aaefc1f1cf18b6167f85dab3180d8")
              .add("NeedsCompilation", "no")
              .add("Path", "Older")
              .build(),
          DcfRecord.builder()
              .add("Package", "survival")
              .add("Version", "3.2-13")
              .add("Priority", "recommended")
              .add("Depends", "R (>= 4.2)")
              .add("Imports", "graphics, Matrix, methods, splines, stats, utils")
              .add("LinkingTo", "Rcpp")
              .add("License", "LGPL (>= 2)")
              .add("MD5sum", "376c8bed4f200aa4e82b1aa1dd82e864")
              .add("NeedsCompilation", "yes")
              .add("Path", "4.2.0/Recommended")
              .build());

  interface IndexWriter {
    void write(List<DcfRecord> records, java.io.OutputStream out) throws IOException;
  }

  static byte[] write(IndexWriter writer, List<DcfRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(records, out);
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static byte[] golden(String name) throws IOException {
    try (InputStream in = PackagesIndexTest.class.getResourceAsStream("/cran/" + name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void packagesIsWhatWritePackagesWritesWithFieldsInColumnOrderAndEmptyOnesLeftOut()
      throws IOException {
    assertThat(new String(write(PackagesIndex::writePackages, RECORDS), "UTF-8"))
        .isEqualTo(new String(golden("PACKAGES"), "UTF-8"));
  }

  @Test
  void packagesRdsIsTheGzippedMatrixWritePackagesSaves() throws IOException {
    assertThat(gunzip(write(PackagesIndex::writePackagesRds, RECORDS)))
        .isEqualTo(golden("PACKAGES.rds"));
  }

  @Test
  void packagesGzIsTheSameTextInADeterministicGzipMember() throws IOException {
    byte[] gz = write(PackagesIndex::writePackagesGz, RECORDS);
    assertThat(gunzip(gz)).isEqualTo(golden("PACKAGES"));
    // magic, deflate, no flags (no name), mtime 0, default compression, Unix
    assertThat(Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
  }

  @Test
  void theSameRecordsGiveTheSameBytesEveryTime() throws IOException {
    for (IndexWriter writer :
        List.<IndexWriter>of(
            PackagesIndex::writePackages,
            PackagesIndex::writePackagesGz,
            PackagesIndex::writePackagesRds)) {
      assertThat(write(writer, RECORDS)).isEqualTo(write(writer, List.copyOf(RECORDS)));
    }
    assertThat(write(PackagesIndex::writePackagesGz, RECORDS))
        .isNotEqualTo(write(PackagesIndex::writePackagesGz, RECORDS.subList(0, 2)));
  }

  @Test
  void recordsAreWrittenInTheOrderGiven() throws IOException {
    List<DcfRecord> reversed = List.of(RECORDS.get(2), RECORDS.get(1), RECORDS.get(0));
    String text = new String(write(PackagesIndex::writePackages, reversed), "UTF-8");
    assertThat(text.indexOf("Package: survival")).isLessThan(text.indexOf("Package: A3"));
  }

  @Test
  void anEmptyIndexWritesNoRecords() throws IOException {
    assertThat(write(PackagesIndex::writePackages, List.of())).isEmpty();
    assertThat(gunzip(write(PackagesIndex::writePackagesGz, List.of()))).isEmpty();
    assertThat(gunzip(write(PackagesIndex::writePackagesRds, List.of()))).startsWith('X', '\n');
  }

  @Test
  void aRecordWithoutPackageIsRefusedAndNamed() {
    List<DcfRecord> records =
        List.of(RECORDS.get(0), DcfRecord.builder().add("Version", "1.0").build());
    assertThatThrownBy(() -> write(PackagesIndex::writePackagesRds, records))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index record 2 has no Package field");
  }

  @Test
  void recordForKeepsTheStandardFieldsInROrderAndSetsMd5sum() {
    DcfRecord description =
        DcfRecord.builder()
            .add("Package", "pkg")
            .add("Title", "A Title")
            .add("Version", "1.0")
            .add("Authors@R", "person()")
            .add("Suggests", "")
            .add("Imports", "a, b")
            .add("License", "MIT + file LICENSE")
            .add("MD5sum", "00000000000000000000000000000000")
            .add("Depends", "R (>= 4.0)")
            .add("NeedsCompilation", "no")
            .add("OS_type", "unix")
            .build();
    DcfRecord record = PackagesIndex.recordFor(description, "0123456789abcdef0123456789abcdef");
    assertThat(record.tags())
        .containsExactly(
            "Package",
            "Version",
            "Depends",
            "Imports",
            "License",
            "OS_type",
            "MD5sum",
            "NeedsCompilation");
    assertThat(record.require("MD5sum")).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(
            PackagesIndex.recordFor(
                description.without("MD5sum"), "0123456789abcdef0123456789abcdef"))
        .isEqualTo(record);
  }

  @Test
  void recordForRefusesAMalformedMd5() {
    DcfRecord description = RECORDS.get(0);
    for (String md5 : new String[] {"", "0123", "0123456789ABCDEF0123456789ABCDEF", "../x"}) {
      assertThatThrownBy(() -> PackagesIndex.recordFor(description, md5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'A3'");
    }
  }

  @Test
  void writesTheFixturePackagesRdsFromTheFixturePackages() throws IOException {
    List<DcfRecord> records =
        TestSupport.readDcf(TestSupport.fixture("cran/pkgcache/packages/PACKAGES"));
    byte[] expected =
        Files.readAllBytes(TestSupport.fixture("cran/pkgcache/packages/PACKAGES.rds"));
    byte[] ours = gunzip(write(PackagesIndex::writePackagesRds, records));
    // The fixture was written by R 4.2.1, we write 4.2.2 as the writer's version: all else agrees.
    assertThat(Arrays.copyOfRange(expected, 6, 10)).containsExactly(0, 4, 2, 1);
    System.arraycopy(expected, 6, ours, 6, 4);
    assertThat(ours).isEqualTo(expected);
  }
}
