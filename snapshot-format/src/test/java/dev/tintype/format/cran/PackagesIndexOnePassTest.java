package dev.tintype.format.cran;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class PackagesIndexOnePassTest {
  @Test
  void oneFormattingPassGivesTheBytesOfTheTwoSeparateWriters() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    PackagesIndex.writePackagesAndGz(PackagesIndexTest.RECORDS, text, gz);

    ByteArrayOutputStream wantText = new ByteArrayOutputStream();
    PackagesIndex.writePackages(PackagesIndexTest.RECORDS, wantText);
    ByteArrayOutputStream wantGz = new ByteArrayOutputStream();
    PackagesIndex.writePackagesGz(PackagesIndexTest.RECORDS, wantGz);
    assertThat(text.toByteArray()).isNotEmpty().isEqualTo(wantText.toByteArray());
    assertThat(gz.toByteArray()).isEqualTo(wantGz.toByteArray());
  }
}
