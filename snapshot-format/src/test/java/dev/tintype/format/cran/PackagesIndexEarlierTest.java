package dev.tintype.format.cran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.dcf.DcfRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** An earlier index stands for this run's only when it holds exactly what this run writes. */
class PackagesIndexEarlierTest {
  private static final List<DcfRecord> RECORDS = PackagesIndexTest.RECORDS;

  private static byte[] gz(PackagesIndex index) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writePackagesGz(out);
    return out.toByteArray();
  }

  private static byte[] rds(PackagesIndex index) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writePackagesRds(out);
    return out.toByteArray();
  }

  @Test
  void theInstanceWritesWhatTheStaticWritersWrite() throws IOException {
    PackagesIndex index = PackagesIndex.of(RECORDS);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    PackagesIndex.writePackagesAndGz(RECORDS, text, gz);
    ByteArrayOutputStream rds = new ByteArrayOutputStream();
    PackagesIndex.writePackagesRds(RECORDS, rds);
    assertThat(index.packages()).isEqualTo(text.toByteArray());
    assertThat(gz(index)).isEqualTo(gz.toByteArray());
    assertThat(rds(index)).isEqualTo(rds.toByteArray());
  }

  @Test
  void itsOwnIndexesAreTheSame() throws IOException {
    PackagesIndex index = PackagesIndex.of(RECORDS);
    assertThat(index.isPackagesGz(gz(PackagesIndex.of(RECORDS)))).isTrue();
    assertThat(index.isPackagesRds(rds(PackagesIndex.of(RECORDS)))).isTrue();
  }

  @Test
  void aRecordChangedWhereTheTextCannotShowItIsNotTheSameRds() throws IOException {
    // strwrap folds the double space, so the text is the same; the .rds keeps the raw value.
    List<DcfRecord> changed = new ArrayList<>(RECORDS);
    changed.set(0, RECORDS.get(0).with("Suggests", "randomForest,  e1071"));
    PackagesIndex earlier = PackagesIndex.of(changed);
    PackagesIndex now = PackagesIndex.of(RECORDS);
    assertThat(now.packages()).isEqualTo(earlier.packages());
    assertThat(now.isPackagesGz(gz(earlier))).isTrue();
    assertThat(now.isPackagesRds(rds(earlier))).isFalse();
  }

  @Test
  void aChangedVersionIsNotTheSame() throws IOException {
    List<DcfRecord> changed = new ArrayList<>(RECORDS);
    changed.set(2, RECORDS.get(2).with("Version", "3.2-14"));
    PackagesIndex now = PackagesIndex.of(RECORDS);
    PackagesIndex earlier = PackagesIndex.of(changed);
    assertThat(now.isPackagesGz(gz(earlier))).isFalse();
    assertThat(now.isPackagesRds(rds(earlier))).isFalse();
  }

  @Test
  void anotherGzipOfTheSameTextOrADamagedOneIsNotTheSame() throws IOException {
    PackagesIndex index = PackagesIndex.of(RECORDS);
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(other)) {
      g.write(index.packages());
    }
    assertThat(index.isPackagesGz(other.toByteArray())).isFalse();
    byte[] good = gz(index);
    assertThat(index.isPackagesGz(Arrays.copyOf(good, good.length - 1))).isFalse();
    assertThat(index.isPackagesGz(Arrays.copyOf(good, good.length + 1))).isFalse();
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 1;
    assertThat(index.isPackagesGz(flipped)).isFalse();
    byte[] badCrc = good.clone();
    badCrc[good.length - 5] ^= 1;
    assertThat(index.isPackagesGz(badCrc)).isFalse();
    assertThat(index.isPackagesGz(new byte[0])).isFalse();
  }
}
