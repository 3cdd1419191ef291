package dev.tintype.format.dcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcfWriteTest {
  static String golden(String resource) {
    try (InputStream in = DcfWriteTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(List<DcfRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Dcf.write(records, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<DcfRecord> reread(String text) throws DcfException {
    return Dcf.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "written");
  }

  @Test
  void writesTrickyRecordsExactlyAsRWriteDcf() throws IOException {
    // tricky.dcf was written by R 4.2's write.dcf (DcfRConformanceTest checks it still is).
    assertThat(write(DcfRConformanceTest.trickyRecords())).isEqualTo(golden("/dcf/tricky.dcf"));
  }

  @Test
  void separatesRecordsWithOneEmptyLineAndSkipsEmptyRecords() throws IOException {
    DcfRecord a = DcfRecord.builder().add("Package", "a").add("Version", "1").build();
    DcfRecord b = DcfRecord.builder().add("Package", "b").build();
    assertThat(write(List.of(DcfRecord.builder().build(), a, DcfRecord.builder().build(), b)))
        .isEqualTo("Package: a\nVersion: 1\n\nPackage: b\n");
    assertThat(write(List.of())).isEmpty();
  }

  @Test
  void formatGivesOneRecordWithoutAnEmptyLine() {
    DcfRecord r =
        DcfRecord.builder()
            .add("Package", "a")
            .add("Imports", "aaaaaaaaaa, ".repeat(8).trim())
            .add("Description", "Line one.\n\nLine two.")
            .build();
    assertThat(Dcf.format(r))
        .isEqualTo(
            "Package: a\n"
                + "Imports: aaaaaaaaaa, aaaaaaaaaa, aaaaaaaaaa, aaaaaaaaaa, aaaaaaaaaa,\n"
                + "        aaaaaaaaaa, aaaaaaaaaa, aaaaaaaaaa,\n"
                + "Description: Line one.\n .\n Line two.\n");
  }

  @Test
  void writesUtf8() throws IOException {
    DcfRecord r = DcfRecord.builder().add("Package", "a").add("Author", "G\u00e1bor").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Dcf.write(List.of(r), out);
    assertThat(out.toByteArray())
        .isEqualTo("Package: a\nAuthor: G\u00e1bor\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValueEndingInANewlineDoesNotEndTheRecordUnlikeInR() throws IOException {
    // R's write.dcf leaves a blank line for these values; we write " ." so the record stays whole.
    DcfRecord r =
        DcfRecord.builder()
            .add("Package", "a")
            .add("Author", "x\n")
            .add("Packaged", "p\n\n\t\nq")
            .add("Note", "n\n\n   ")
            .add("Last", "1")
            .build();
    String text = write(List.of(r));
    assertThat(text).doesNotContain("\n\n").doesNotContain("\n \n").doesNotContain("\n\t\n");
    List<DcfRecord> back = reread(text);
    assertThat(back).hasSize(1);
    assertThat(back.get(0).tags()).containsExactly("Package", "Author", "Packaged", "Note", "Last");
    assertThat(back.get(0).require("Author")).isEqualTo("x\n");
    assertThat(back.get(0).require("Note")).isEqualTo("n");
  }

  @Test
  void keepWhiteFieldsRoundTripExceptForRsSpaceAfterAnEmptyLine() throws IOException {
    DcfRecord r =
        DcfRecord.builder()
            .add("Package", "a")
            .add("Authors@R", "\n    c(person(\"A\"),\n      person(\"B\"))")
            .add("Description", "First line\n    second\nthird")
            .build();
    assertThat(reread(write(List.of(r))))
        .containsExactly(r.with("Description", "First line\n    second\n third"));
    // write.dcf writes the line after an empty one with one more leading space, and so do we.
    DcfRecord broken = DcfRecord.builder().add("Description", "One.\n\n    Two.").build();
    assertThat(reread(write(List.of(broken))).get(0).require("Description"))
        .isEqualTo("One.\n\n     Two.");
  }
}
