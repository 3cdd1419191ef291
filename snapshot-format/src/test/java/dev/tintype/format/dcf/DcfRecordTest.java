package dev.tintype.format.dcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DcfRecordTest {
  private final DcfRecord record =
      DcfRecord.builder().add("Package", "foo").add("Version", "1.0").add("License", "MIT").build();

  @Test
  void keepsFieldsInInsertionOrder() {
    assertThat(record.tags()).containsExactly("Package", "Version", "License");
    assertThat(record.fields().keySet()).containsExactly("Package", "Version", "License");
    assertThat(record.get("Version")).contains("1.0");
    assertThat(record.get("version")).isEmpty();
  }

  @Test
  void ofCopiesAnOrderedMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("B", "2");
    map.put("A", "1");
    DcfRecord r = DcfRecord.of(map);
    map.put("C", "3");
    assertThat(r.tags()).containsExactly("B", "A");
  }

  @Test
  void builderRejectsADuplicateTagAndNamesIt() {
    assertThatThrownBy(() -> DcfRecord.builder().add("Remotes", "a").add("Remotes", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Remotes");
  }

  @Test
  void aBuilderUsedAgainAfterBuildLeavesTheBuiltRecordAsItWas() {
    DcfRecord.Builder b = DcfRecord.builder().add("Package", "foo");
    DcfRecord built = b.build();
    b.add("Version", "1.0").put("Package", "bar");

    assertThat(built.fields()).containsExactly(Map.entry("Package", "foo"));
    assertThat(b.build().fields())
        .containsExactly(Map.entry("Package", "bar"), Map.entry("Version", "1.0"));
  }

  @Test
  void tagsOfAnyPrintableCharactersButTheColonAreAccepted() {
    DcfRecord r =
        DcfRecord.builder()
            .add("Config/testthat/edition", "3")
            .add("X-CRAN-Comment~!#$%&'()*+,-./;<=>?@[\\]^_`{|}", "x")
            .add("Título", "é")
            .build();
    assertThat(r.tags()).hasSize(3);
  }

  @Test
  void tagsDifferingOnlyInCaseAreDistinct() {
    DcfRecord r = DcfRecord.builder().add("Depends", "a").add("depends", "b").build();
    assertThat(r.tags()).containsExactly("Depends", "depends");
  }

  @Test
  void rejectsInvalidTags() {
    for (String tag : new String[] {"", "a:b", "a b", "a\tb", "a\u0001b", "a\u007fb", "\u00a0x"}) {
      assertThatThrownBy(() -> DcfRecord.builder().add(tag, "v"))
          .as("tag %s", tag)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(
            DcfRecord.builder().add("Authors@R", "x").add("Date/Publication", "y").build().tags())
        .hasSize(2);
  }

  @Test
  void rejectsANulInAValueButAcceptsAnythingElse() {
    assertThatThrownBy(() -> DcfRecord.builder().add("Title", "a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Title");
    assertThat(DcfRecord.builder().add("Title", "é\n\t \u4e2d").build().require("Title"))
        .isEqualTo("é\n\t \u4e2d");
  }

  @Test
  void requireNamesTheTagAndThePackage() {
    assertThatThrownBy(() -> record.require("MD5sum"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("'MD5sum'")
        .hasMessageContaining("'foo'");
    assertThatThrownBy(() -> DcfRecord.builder().build().require("Package"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("without a Package field");
  }

  @Test
  void withReplacesInPlaceOrAppends() {
    assertThat(record.with("Version", "2.0").tags())
        .containsExactly("Package", "Version", "License");
    assertThat(record.with("Version", "2.0").require("Version")).isEqualTo("2.0");
    assertThat(record.with("MD5sum", "x").tags())
        .containsExactly("Package", "Version", "License", "MD5sum");
    assertThat(record.require("Version")).isEqualTo("1.0");
    assertThatThrownBy(() -> record.with("bad tag", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutRemovesOneField() {
    assertThat(record.without("Version").tags()).containsExactly("Package", "License");
    assertThat(record.without("Absent")).isEqualTo(record);
  }

  @Test
  void fieldsCannotBeModified() {
    assertThatThrownBy(() -> record.fields().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalityIncludesFieldOrder() {
    DcfRecord same =
        DcfRecord.builder()
            .add("Package", "foo")
            .add("Version", "1.0")
            .add("License", "MIT")
            .build();
    DcfRecord reordered =
        DcfRecord.builder()
            .add("Version", "1.0")
            .add("Package", "foo")
            .add("License", "MIT")
            .build();
    assertThat(record).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(reordered);
    assertThat(record.toString()).contains("Package=foo");
  }
}
