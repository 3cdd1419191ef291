package dev.tintype.format.dcf;

import static dev.tintype.format.dcf.TestSupport.hex;
import static dev.tintype.format.dcf.TestSupport.rString;
import static dev.tintype.format.dcf.TestSupport.rscript;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares Dcf with R's read.dcf and write.dcf themselves; skipped without Rscript. */
@Tag("e2e")
class DcfRConformanceTest {
  @TempDir Path dir;

  @BeforeEach
  void needsR() {
    TestSupport.assumeRscript();
  }

  /** Records whose formatting exercises every branch of write.dcf, formatDL and strwrap. */
  static List<DcfRecord> trickyRecords() {
    String words10 = "abcdefghi, ".repeat(20);
    List<DcfRecord> records = new ArrayList<>();
    records.add(
        DcfRecord.builder()
            .add("Package", "tricky")
            .add("Imports", words10.trim())
            .add("Suggests", "x".repeat(63) + " " + "y".repeat(6) + " z")
            .add("Enhances", "x".repeat(63) + " " + "y".repeat(7) + " z")
            .add("URL", "https://example.org/" + "long".repeat(30) + ", https://b.example")
            .add(
                "Title",
                "First sentence.  Second one? Third!  (Fourth.)  Fifth.\"  sixth.   seventh")
            .add("Note", "para one\n\npara two\n \t \n.dotted para\n\n\n\nlast")
            .add("Spaces", "  a\tb   c  \t")
            .add("Empty", "")
            .add("Wide", "\u4e2d\u6587 ".repeat(30) + "e\u0301t\u00e9 ok")
            .build());
    records.add(DcfRecord.builder().build());
    records.add(
        DcfRecord.builder()
            .add("Package", "white")
            .add("Description", "line one\nunindented line\n    indented line\n\n.dot\nlast  ")
            .add("Authors@R", "\n    c(person(\"A\", \"B\"),\n      person(\"C\"))")
            .add("Author", "x\n  y")
            .add("Built", "R 4.2.2; ; 2023-01-01 00:00:00 UTC; unix")
            .add("Packaged", "p\n\nq")
            .add(
                "Depends",
                "R (>= 3.5.0), methods, utils, stats, graphics, grDevices, datasets, tools")
            .build());
    for (int n = 60; n <= 75; n++) {
      records.add(
          DcfRecord.builder()
              .add("Package", "edge" + n)
              .add("Field", "w".repeat(n - 14) + " tail tail2")
              .build());
    }
    return records;
  }

  @Test
  void writeMatchesRWriteDcfByteForByte() throws Exception {
    List<DcfRecord> records = trickyRecords();
    String script =
        "options(width = 80)\n"
            + matrixCode(records)
            + "write.dcf(m, file = 'r.dcf', keep.white = tools:::.keep_white_description_fields)\n";
    rscript(dir, script);
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    Dcf.write(records, ours);
    String r = Files.readString(dir.resolve("r.dcf"), StandardCharsets.UTF_8);
    assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(r);
    // The golden file DcfWriteTest uses without R is R's own output.
    assertThat(r).isEqualTo(DcfWriteTest.golden("/dcf/tricky.dcf"));
  }

  @Test
  void rReadsWhatWeWriteAsWeReadIt() throws Exception {
    List<DcfRecord> records = trickyRecords();
    try (OutputStream out = Files.newOutputStream(dir.resolve("ours.dcf"))) {
      Dcf.write(records, out);
    }
    List<DcfRecord> ourRead = TestSupport.readDcf(dir.resolve("ours.dcf"));
    assertThat(rRead("ours.dcf")).isEqualTo(dump(ourRead));
  }

  @Test
  void readMatchesRReadDcfOnTrickyInput() throws Exception {
    String text =
        "\n \nPackage: a\nX:   v1  \nY: first  \n   second \t\n\t third\n .\n    .  \n fourth\n"
            + "Z:\n  only cont\nDescription: d1  \n    d2\n .\n   d3  \nAuthor: au\n  .\n  au2\n"
            + "#comment: x\nW:nospace\nDup: 1\nDup: 2\nAuthors@R: \n    c(\n      x)\n"
            + "Built: b\n  .\n  c\n\t\n\nPackage: b\r\nQ: \u00e9x\r\nV: 1\t\r\n     2\r\n";
    Files.writeString(dir.resolve("in.dcf"), text, StandardCharsets.UTF_8);
    assertThat(dump(TestSupport.readDcf(dir.resolve("in.dcf")))).isEqualTo(rRead("in.dcf"));
  }

  private List<String> rRead(String file) throws Exception {
    return new RReader(dir).read(file);
  }

  /**
   * R's {@code read.dcf(all = TRUE, keep.white = ...)}, one line per field, sorted: record number,
   * tag and hex of the UTF-8 value; a repeated tag gives its last value. Latin1 records are
   * converted as {@code tools:::.read_description} does. read.dcf reads gzip files too.
   */
  record RReader(Path dir) {
    List<String> read(String file) throws Exception {
      return readAll(List.of(file)).get(file);
    }

    Map<String, List<String>> readAll(List<String> files) throws Exception {
      String out =
          rscript(
              dir,
              "for (f in c("
                  + String.join(", ", files.stream().map(TestSupport::rString).toList())
                  + ")) {\n"
                  + "x <- read.dcf(f, all = TRUE, keep.white = tools:::.keep_white_description_fields)\n"
                  + "for (i in seq_len(nrow(x))) for (tag in names(x)) {\n"
                  + "  v <- x[[tag]][[i]]; v <- v[length(v)]\n"
                  + "  if (is.na(v)) next\n"
                  + "  enc <- x[['Encoding']][[i]]\n"
                  + "  if (!is.null(enc) && !is.na(enc[1]) && enc[1] == 'latin1')"
                  + " v <- iconv(v, 'latin1', 'UTF-8')\n"
                  + "  cat(f, '\\t', i, '\\t', tag, '\\t',"
                  + " paste(as.character(charToRaw(v)), collapse = ''), '\\n', sep = '')\n"
                  + "}}\n");
      Map<String, List<String>> byFile = new LinkedHashMap<>();
      files.forEach(f -> byFile.put(f, new ArrayList<>()));
      out.lines()
          .forEach(
              line -> {
                int tab = line.indexOf('\t');
                byFile.get(line.substring(0, tab)).add(line.substring(tab + 1));
              });
      byFile.replaceAll((f, lines) -> lines.stream().sorted().toList());
      return byFile;
    }
  }

  /** Our records in the form of {@link #rRead}. */
  static List<String> dump(List<DcfRecord> records) {
    List<String> lines = new ArrayList<>();
    int i = 0;
    for (DcfRecord r : records) {
      i++;
      for (var field : r.fields().entrySet()) {
        lines.add(i + "\t" + field.getKey() + "\t" + hex(field.getValue()));
      }
    }
    return lines.stream().sorted().toList();
  }

  /** R code that builds {@code m}, a character matrix of the records with NA for absent fields. */
  static String matrixCode(List<DcfRecord> records) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    records.forEach(r -> tags.addAll(r.tags()));
    List<String> tagList = List.copyOf(tags);
    StringBuilder code = new StringBuilder();
    code.append("m <- matrix(NA_character_, ")
        .append(records.size())
        .append(", ")
        .append(tagList.size())
        .append(", dimnames = list(NULL, c(");
    code.append(String.join(", ", tagList.stream().map(TestSupport::rString).toList()));
    code.append(")))\n");
    for (int i = 0; i < records.size(); i++) {
      for (var field : records.get(i).fields().entrySet()) {
        code.append("m[")
            .append(i + 1)
            .append(", ")
            .append(rString(field.getKey()))
            .append("] <- ")
            .append(rString(field.getValue()))
            .append('\n');
      }
    }
    return code.toString();
  }
}
