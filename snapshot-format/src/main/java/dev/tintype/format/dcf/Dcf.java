package dev.tintype.format.dcf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes DCF, the format of R's DESCRIPTION and PACKAGES files, as R does.
 *
 * <p>Reading follows R's {@code read.dcf(file, all = TRUE, keep.white =
 * tools:::.keep_white_description_fields)}, which is how R reads a DESCRIPTION file:
 *
 * <ul>
 *   <li>Records are separated by one or more lines that are empty or white space only. Lines end in
 *       LF or CRLF.
 *   <li>A line starting with a space or a tab continues the previous field; one that holds only
 *       {@code .} after its white space stands for an empty line.
 *   <li>The fields {@link #KEEP_WHITE_FIELDS} (Description, Authors@R, Author, Built, Packaged)
 *       keep their white space: the value is the first line's text after the colon and leading
 *       white space, then "\n" and each continuation line as it is.
 *   <li>Every other field is folded: each line is stripped of leading and trailing white space,
 *       lines are joined with "\n", and the value is trimmed. For index fields this is the same as
 *       R's default {@code read.dcf(file)}, which {@code tools::write_PACKAGES} and {@code
 *       available.packages} use.
 *   <li>A tag given twice in a record keeps its first position and its last value, as in R.
 *   <li>A record with {@code Encoding: latin1} (or {@code latin-1}, {@code ISO-8859-1}) is decoded
 *       as ISO-8859-1, every other record as UTF-8; invalid UTF-8 is an error naming the record.
 *       The Encoding field is kept as given. A leading UTF-8 byte order mark is skipped.
 * </ul>
 *
 * <p>Writing follows R's {@code write.dcf(x, keep.white = tools:::.keep_white_description_fields)}
 * at the default width of 80 (R writes installed DESCRIPTION files this way, and for the fields of
 * a PACKAGES index it is byte for byte what {@code tools::write_PACKAGES} writes): folded fields
 * are re-wrapped to lines shorter than 72 characters with continuation lines indented by 8 spaces,
 * keep-white fields keep their line breaks, an empty line in a value is written as " .", and the
 * output is UTF-8 with LF line ends.
 */
public final class Dcf {
  /** R's {@code tools:::.keep_white_description_fields}. */
  public static final Set<String> KEEP_WHITE_FIELDS =
      Set.of("Description", "Authors@R", "Author", "Built", "Packaged");

  /**
   * The most bytes one record may take, line ends included: 4 MiB. Real records are a few KB (the
   * largest CRAN DESCRIPTION files are tens of KB), so this only stops hostile input, such as a
   * decompression bomb of zeros that has no line end at all, from being buffered whole.
   */
  public static final int MAX_RECORD_BYTES = 4 << 20;

  private Dcf() {}

  /**
   * Reads every record of a DCF stream.
   *
   * @param sourceName names the stream in error messages (a file name or URL)
   *     <p>Memory is bounded by the records returned: a record larger than {@link
   *     #MAX_RECORD_BYTES} is an error naming the source and the record's number, found before more
   *     than that is held.
   * @throws DcfException if a line is neither a field nor a continuation, a continuation starts a
   *     record, a tag is invalid, a record is not valid UTF-8 and does not declare latin1, or a
   *     record is larger than {@link #MAX_RECORD_BYTES}
   */
  public static List<DcfRecord> read(InputStream in, String sourceName) throws DcfException {
    try {
      return new DcfParser(in, sourceName).readAll();
    } catch (DcfException e) {
      throw e;
    } catch (IOException e) {
      throw new DcfException("cannot read DCF from " + sourceName + ": " + e.getMessage(), e);
    }
  }

  /** Takes the records of {@link #forEach} one at a time. */
  public interface RecordHandler {
    void accept(DcfRecord record) throws IOException;
  }

  /**
   * Reads a DCF stream as {@link #read} does, but hands each record to {@code handler} as soon as
   * it is complete, so the caller decides what to keep. What the handler throws is passed on
   * unchanged.
   *
   * @throws DcfException as {@link #read} does
   */
  public static void forEach(InputStream in, String sourceName, RecordHandler handler)
      throws IOException {
    DcfParser parser = new DcfParser(in, sourceName);
    while (true) {
      DcfRecord r;
      try {
        r = parser.next();
      } catch (DcfException e) {
        throw e;
      } catch (IOException e) {
        throw new DcfException("cannot read DCF from " + sourceName + ": " + e.getMessage(), e);
      }
      if (r == null) {
        return;
      }
      handler.accept(r);
    }
  }

  /**
   * Writes records as UTF-8 DCF, separated by one empty line; records without fields are skipped,
   * as R skips rows that are all NA. {@code out} is flushed, not closed.
   */
  public static void write(List<DcfRecord> records, OutputStream out) throws IOException {
    DcfWriter writer = new DcfWriter(out);
    for (DcfRecord record : records) {
      if (record.fields().isEmpty()) {
        continue;
      }
      writer.startRecord();
      for (Map.Entry<String, String> field : record.fields().entrySet()) {
        writer.field(field.getKey(), field.getValue());
      }
      writer.endRecord();
    }
    writer.finish();
  }

  /**
   * Writes the rows of a table as {@link #write} writes records: each row's non-null cells are its
   * fields, in column order. A row without any is skipped. {@code out} is flushed, not closed.
   *
   * @param tags the column names
   * @param rows one list per row, each as long as {@code tags}
   * @throws IllegalArgumentException if a tag is invalid, a row has the wrong length or a value
   *     holds a NUL character
   */
  public static void writeRows(
      List<String> tags, List<? extends List<String>> rows, OutputStream out) throws IOException {
    for (String tag : tags) {
      DcfRecord.checkTag(tag);
    }
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != tags.size()) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + " has " + row.size() + " cells, expected " + tags.size());
      }
      for (int j = 0; j < row.size(); j++) {
        if (row.get(j) != null) {
          DcfRecord.checkValue(tags.get(j), row.get(j));
        }
      }
    }
    DcfWriter writer = new DcfWriter(out);
    for (List<String> row : rows) {
      if (allNull(row)) {
        continue;
      }
      writer.startRecord();
      for (int j = 0; j < row.size(); j++) {
        if (row.get(j) != null) {
          writer.field(tags.get(j), row.get(j));
        }
      }
      writer.endRecord();
    }
    writer.finish();
  }

  private static boolean allNull(List<String> row) {
    for (String cell : row) {
      if (cell != null) {
        return false;
      }
    }
    return true;
  }

  /** One record's text: its fields, each line ending in LF, with no empty line after it. */
  public static String format(DcfRecord record) {
    return DcfFormatter.format(record);
  }
}
