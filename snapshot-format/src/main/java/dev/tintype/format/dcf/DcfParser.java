package dev.tintype.format.dcf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads DCF from bytes, one record at a time, with the semantics of R's {@code read.dcf(all =
 * TRUE)} (R 4.2): see {@link Dcf#read}.
 */
final class DcfParser {
  private static final int SHOWN_LINE_CHARS = 60;

  private final InputStream in;
  private final String source;
  // Small: a first CRAN sync parses 20,000 DESCRIPTION files of a few KB each, and a large buffer
  // or a decoder made for each of them showed in its profile (5 % of the samples).
  private final byte[] buf = new byte[8 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private int lineNumber;
  private byte[] line = new byte[256];
  private int lineLength;
  // The record being read: its number (from 1) and its bytes so far, line ends included, so that
  // one record can never hold more than Dcf.MAX_RECORD_BYTES.
  private int recordNumber = 1;
  private long recordBytes;

  // Made for the first value that is not ASCII; most records have none.
  private CharsetDecoder utf8;

  DcfParser(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  private final List<byte[]> lines = new ArrayList<>();
  private int firstLine;
  private boolean started;

  List<DcfRecord> readAll() throws IOException {
    List<DcfRecord> records = new ArrayList<>();
    for (DcfRecord r; (r = next()) != null; ) {
      records.add(r);
    }
    return records;
  }

  /** The next record, or null at the end. */
  DcfRecord next() throws IOException {
    while (nextLine()) {
      if (!started) {
        started = true;
        skipByteOrderMark();
      }
      if (isBlank()) {
        if (!lines.isEmpty()) {
          return endRecord();
        }
        continue;
      }
      if (lines.isEmpty()) {
        firstLine = lineNumber;
      }
      lines.add(Arrays.copyOf(line, lineLength));
      recordBytes += lineLength + 1;
    }
    return lines.isEmpty() ? null : endRecord();
  }

  private DcfRecord endRecord() throws DcfException {
    DcfRecord r = parseRecord(lines, firstLine);
    lines.clear();
    recordNumber++;
    recordBytes = 0;
    return r;
  }

  /**
   * Reads the next line into {@link #line} without its LF or CRLF terminator.
   *
   * @throws DcfException if the line would take the record past {@link Dcf#MAX_RECORD_BYTES}
   */
  private boolean nextLine() throws IOException {
    lineLength = 0;
    boolean any = false;
    // One byte of the record's budget is kept for this line's own end.
    long room = Dcf.MAX_RECORD_BYTES - recordBytes - 1;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          break;
        }
      }
      any = true;
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      if (lineLength >= room) {
        throw tooLarge();
      }
      if (lineLength == line.length) {
        line = Arrays.copyOf(line, (int) Math.min(line.length * 2L, Dcf.MAX_RECORD_BYTES));
      }
      line[lineLength++] = b;
    }
    if (!any) {
      return false;
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    lineNumber++;
    return true;
  }

  private DcfException tooLarge() {
    return new DcfException(
        source
            + " record "
            + recordNumber
            + " (from line "
            + (lines.isEmpty() ? lineNumber + 1 : firstLine)
            + "): larger than "
            + Dcf.MAX_RECORD_BYTES
            + " bytes, the most one record may hold (real records are a few KB); refused");
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void skipByteOrderMark() {
    if (lineLength >= 3
        && (line[0] & 0xff) == 0xef
        && (line[1] & 0xff) == 0xbb
        && (line[2] & 0xff) == 0xbf) {
      System.arraycopy(line, 3, line, 0, lineLength - 3);
      lineLength -= 3;
    }
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      if (!DcfText.isSpace(line[i])) {
        return false;
      }
    }
    return true;
  }

  private DcfRecord parseRecord(List<byte[]> raw, int firstLine) throws DcfException {
    Charset charset = charsetOf(raw);
    DcfRecord.Builder record = DcfRecord.builder(raw.size());
    String tag = null;
    boolean keepWhite = false;
    // A value while it has one line, already stripped (most do); a builder once one continues.
    String first = null;
    StringBuilder value = null;
    int tagLine = 0;
    for (int i = 0; i < raw.size(); i++) {
      byte[] bytes = raw.get(i);
      int number = firstLine + i;
      String text = decode(bytes, charset, number, raw);
      if (DcfText.isBlank(bytes[0])) {
        if (tag == null) {
          throw error(number, "a continuation line must not start a record", text);
        }
        if (value == null) {
          value = new StringBuilder(first);
        }
        // Pieces are joined with "\n" even when empty, then folded values are trimmed: this is
        // read.dcf(all = TRUE); the C reader differs only for " ." first or last in a value.
        value
            .append('\n')
            .append(DcfText.isEscapedBlank(text) ? "" : keepWhite ? text : DcfText.strip(text));
        continue;
      }
      int colon = text.indexOf(':');
      if (colon < 0) {
        throw error(
            number,
            "expected a 'Tag: value' line or a continuation line starting with white space",
            text);
      }
      if (tag != null) {
        put(record, tag, finish(first, value, keepWhite), tagLine);
      }
      tag = text.substring(0, colon);
      tagLine = number;
      keepWhite = Dcf.KEEP_WHITE_FIELDS.contains(tag);
      value = null;
      // One substring: the leading white space always goes, the trailing unless kept.
      int start = colon + 1;
      int end = text.length();
      while (start < end && DcfText.isSpace(text.charAt(start))) {
        start++;
      }
      while (!keepWhite && end > start && DcfText.isSpace(text.charAt(end - 1))) {
        end--;
      }
      first = text.substring(start, end);
    }
    put(record, tag, finish(first, value, keepWhite), tagLine);
    return record.build();
  }

  private void put(DcfRecord.Builder record, String tag, String value, int lineNo)
      throws DcfException {
    try {
      // A repeated tag keeps its first position and its last value, as R's read.dcf does.
      record.put(tag, value);
    } catch (IllegalArgumentException e) {
      throw new DcfException(source + " line " + lineNo + ": " + e.getMessage(), e);
    }
  }

  private static String finish(String first, StringBuilder value, boolean keepWhite) {
    if (value == null) {
      // Stripped of R's [[:space:]], which holds every character trimws() strips.
      return first;
    }
    return keepWhite ? value.toString() : DcfText.trimWs(value);
  }

  private Charset charsetOf(List<byte[]> raw) {
    String encoding = asciiField(raw, "Encoding");
    if (encoding == null) {
      return StandardCharsets.UTF_8;
    }
    switch (encoding.toLowerCase(Locale.ROOT)) {
      case "latin1":
      case "latin-1":
      case "iso-8859-1":
      case "iso8859-1":
      case "iso_8859-1":
        return StandardCharsets.ISO_8859_1;
      default:
        return StandardCharsets.UTF_8;
    }
  }

  private String decode(byte[] bytes, Charset charset, int number, List<byte[]> raw)
      throws DcfException {
    if (charset == StandardCharsets.ISO_8859_1 || isAscii(bytes)) {
      // ASCII decodes to the same text in either charset, and Latin-1 decodes without checks.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      if (utf8 == null) {
        utf8 =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
      }
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      String pkg = asciiField(raw, "Package");
      String shown = new String(bytes, StandardCharsets.ISO_8859_1);
      throw new DcfException(
          source
              + " line "
              + number
              + ": invalid UTF-8 in "
              + (pkg == null
                  ? "a record without a Package field"
                  : "the record of package '" + pkg + "'")
              + " (the record has no 'Encoding: latin1' field): "
              + show(shown),
          e);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** The first-line value of a field whose tag line is ASCII, before the record is decoded. */
  private static String asciiField(List<byte[]> raw, String tag) {
    byte[] prefix = (tag + ":").getBytes(StandardCharsets.US_ASCII);
    for (byte[] bytes : raw) {
      if (bytes.length >= prefix.length
          && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length)) {
        return DcfText.strip(
            new String(
                bytes, prefix.length, bytes.length - prefix.length, StandardCharsets.ISO_8859_1));
      }
    }
    return null;
  }

  private DcfException error(int number, String what, String text) {
    return new DcfException(source + " line " + number + ": " + what + ", found " + show(text));
  }

  private static String show(String text) {
    String shown =
        text.length() > SHOWN_LINE_CHARS ? text.substring(0, SHOWN_LINE_CHARS) + "..." : text;
    StringBuilder out = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\x%02x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('"').toString();
  }
}
