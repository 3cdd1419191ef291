package dev.tintype.format.rds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes R's serialization format as {@code saveRDS(x, compress = FALSE, version = 2)} does: XDR
 * (big-endian), format version 2, which every R since 2.3.0 reads. The output is not compressed;
 * wrap the stream to compress it.
 */
public final class RdsWriter {
  /** The R version recorded as the writer: 4.2.2, the R this format was checked against. */
  public static final int WRITER_R_VERSION = rVersion(4, 2, 2);

  private static final int MIN_READER_R_VERSION = rVersion(2, 3, 0);

  private static final int SYMSXP = 1;
  private static final int LISTSXP = 2;
  private static final int CHARSXP = 9;
  private static final int LGLSXP = 10;
  private static final int INTSXP = 13;
  private static final int REALSXP = 14;
  private static final int STRSXP = 16;
  private static final int VECSXP = 19;
  private static final int REFSXP = 255;
  private static final int NILVALUE_SXP = 254;

  private static final int IS_OBJECT = 1 << 8;
  private static final int HAS_ATTR = 1 << 9;
  private static final int HAS_TAG = 1 << 10;
  private static final int UTF8_LEVELS = 1 << 3;
  private static final int ASCII_LEVELS = 1 << 6;

  private static final int NA_INTEGER = Integer.MIN_VALUE;

  /** R's NA_real_: a NaN whose low word is 1954. */
  private static final long NA_REAL_BITS = 0x7ff00000000007a2L;

  private final Xdr out;
  private final Map<String, Integer> symbols = new HashMap<>();

  private RdsWriter(OutputStream out) {
    this.out = new Xdr(out);
  }

  /**
   * Writes a character matrix as {@code tools::write_PACKAGES} builds it: a STRSXP in column-major
   * order with a {@code dim} attribute and {@code dimnames = list(rowNames, colNames)}.
   *
   * @param rows one list per row, each as long as {@code colNames}; a null element is NA
   */
  public static void writeCharacterMatrix(
      OutputStream out, List<String> colNames, List<String> rowNames, List<List<String>> rows)
      throws IOException {
    // The bytes of write(out, characterMatrix(...)), without a copy of every cell: a CRAN index
    // has hundreds of thousands.
    checkMatrix(colNames, rowNames, rows);
    int ncol = colNames.size();
    for (int j = 0; j < ncol; j++) {
      for (List<String> row : rows) {
        checkString(row.get(j));
      }
    }
    Map<String, RValue> attributes = matrixAttributes(colNames, rowNames, rows.size());
    RdsWriter writer = start(out, WRITER_R_VERSION);
    writer.out.writeInt(STRSXP | HAS_ATTR);
    writer.out.writeInt(rows.size() * ncol);
    for (int j = 0; j < ncol; j++) {
      for (List<String> row : rows) {
        writer.charsxp(row.get(j));
      }
    }
    writer.attributes(attributes);
    writer.out.flush();
  }

  private static void checkMatrix(
      List<String> colNames, List<String> rowNames, List<List<String>> rows) {
    if (rowNames.size() != rows.size()) {
      throw new IllegalArgumentException(
          "matrix has " + rows.size() + " rows but " + rowNames.size() + " row names");
    }
    int ncol = colNames.size();
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != ncol && ncol > 0) {
        throw new IllegalArgumentException(
            "matrix row "
                + (i + 1)
                + " ('"
                + rowNames.get(i)
                + "') has "
                + row.size()
                + " cells, expected "
                + ncol);
      }
    }
  }

  private static Map<String, RValue> matrixAttributes(
      List<String> colNames, List<String> rowNames, int nrow) {
    Map<String, RValue> attributes = new LinkedHashMap<>();
    attributes.put("dim", RValue.ints(nrow, colNames.size()));
    attributes.put("dimnames", RValue.list(RValue.strings(rowNames), RValue.strings(colNames)));
    return attributes;
  }

  /** The matrix {@link #writeCharacterMatrix} writes, as a value. */
  public static RValue.StrVec characterMatrix(
      List<String> colNames, List<String> rowNames, List<List<String>> rows) {
    if (rowNames.size() != rows.size()) {
      throw new IllegalArgumentException(
          "matrix has " + rows.size() + " rows but " + rowNames.size() + " row names");
    }
    checkMatrix(colNames, rowNames, rows);
    int ncol = colNames.size();
    List<String> cells = new ArrayList<>(rows.size() * ncol);
    for (int j = 0; j < ncol; j++) {
      for (List<String> row : rows) {
        cells.add(row.get(j));
      }
    }
    RValue.StrVec matrix = RValue.strings(cells);
    for (Map.Entry<String, RValue> a :
        matrixAttributes(colNames, rowNames, rows.size()).entrySet()) {
      matrix = matrix.withAttribute(a.getKey(), a.getValue());
    }
    return matrix;
  }

  /** Serializes {@code value}; {@code out} is flushed, not closed. */
  public static void write(OutputStream out, RValue value) throws IOException {
    write(out, value, WRITER_R_VERSION);
  }

  /**
   * Writes a list whose {@code size} elements are made one at a time, then its attributes: the
   * bytes of {@link #write} of the whole list, without holding it (a CRAN archive.rds has a data
   * frame for each of some 20,000 packages).
   */
  public static void writeList(
      OutputStream out,
      int size,
      Iterable<? extends RValue> elements,
      Map<String, RValue> attributes)
      throws IOException {
    RdsWriter writer = start(out, WRITER_R_VERSION);
    int flags = attributes.isEmpty() ? 0 : HAS_ATTR;
    if (attributes.containsKey("class")) {
      flags |= IS_OBJECT;
    }
    writer.out.writeInt(VECSXP | flags);
    writer.out.writeInt(size);
    int n = 0;
    for (RValue e : elements) {
      if (++n > size) {
        throw new IllegalArgumentException("list has more than the " + size + " elements declared");
      }
      writer.item(e);
    }
    if (n != size) {
      throw new IllegalArgumentException(
          "list has " + n + " elements, not the " + size + " declared");
    }
    if (!attributes.isEmpty()) {
      writer.attributes(attributes);
    }
    writer.out.flush();
  }

  static void write(OutputStream out, RValue value, int writerVersion) throws IOException {
    RdsWriter writer = start(out, writerVersion);
    writer.item(value);
    writer.out.flush();
  }

  private static RdsWriter start(OutputStream out, int writerVersion) throws IOException {
    RdsWriter writer = new RdsWriter(out);
    writer.out.write(new byte[] {'X', '\n'});
    writer.out.writeInt(2);
    writer.out.writeInt(writerVersion);
    writer.out.writeInt(MIN_READER_R_VERSION);
    return writer;
  }

  private static void checkString(String s) {
    if (s != null && s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("R strings cannot contain NUL: " + s);
    }
  }

  static int rVersion(int major, int minor, int patch) {
    return major * 65536 + minor * 256 + patch;
  }

  private void item(RValue value) throws IOException {
    if (value instanceof RValue.Null) {
      out.writeInt(NILVALUE_SXP);
      return;
    }
    Map<String, RValue> attributes = value.attributes();
    int flags = attributes.isEmpty() ? 0 : HAS_ATTR;
    if (attributes.containsKey("class")) {
      flags |= IS_OBJECT;
    }
    if (value instanceof RValue.StrVec v) {
      out.writeInt(STRSXP | flags);
      out.writeInt(v.values().size());
      for (String s : v.values()) {
        charsxp(s);
      }
    } else if (value instanceof RValue.IntVec v) {
      out.writeInt(INTSXP | flags);
      out.writeInt(v.values().size());
      for (Integer i : v.values()) {
        out.writeInt(i == null ? NA_INTEGER : i);
      }
    } else if (value instanceof RValue.RealVec v) {
      out.writeInt(REALSXP | flags);
      out.writeInt(v.values().size());
      for (Double d : v.values()) {
        out.writeLong(d == null ? NA_REAL_BITS : Double.doubleToRawLongBits(d));
      }
    } else if (value instanceof RValue.LglVec v) {
      out.writeInt(LGLSXP | flags);
      out.writeInt(v.values().size());
      for (Boolean b : v.values()) {
        out.writeInt(b == null ? NA_INTEGER : b ? 1 : 0);
      }
    } else if (value instanceof RValue.ListVec v) {
      out.writeInt(VECSXP | flags);
      out.writeInt(v.values().size());
      for (RValue element : v.values()) {
        item(element);
      }
    }
    if (!attributes.isEmpty()) {
      attributes(attributes);
    }
  }

  /** Attributes are a pairlist of (symbol tag, value) cells ending in NULL. */
  private void attributes(Map<String, RValue> attributes) throws IOException {
    for (Map.Entry<String, RValue> attribute : attributes.entrySet()) {
      out.writeInt(LISTSXP | HAS_TAG);
      symbol(attribute.getKey());
      item(attribute.getValue());
    }
    out.writeInt(NILVALUE_SXP);
  }

  /** A symbol is written once; later uses refer back to it by its 1-based index. */
  private void symbol(String name) throws IOException {
    Integer ref = symbols.get(name);
    if (ref != null) {
      out.writeInt((ref << 8) | REFSXP);
      return;
    }
    symbols.put(name, symbols.size() + 1);
    out.writeInt(SYMSXP);
    charsxp(name);
  }

  private void charsxp(String s) throws IOException {
    if (s == null) {
      out.writeInt(CHARSXP);
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    boolean ascii = bytes.length == s.length();
    out.writeInt(CHARSXP | ((ascii ? ASCII_LEVELS : UTF8_LEVELS) << 12));
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Big-endian ints and longs into a buffer: DataOutputStream writes them a byte at a time. */
  private static final class Xdr {
    private final OutputStream target;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;

    Xdr(OutputStream target) {
      this.target = target;
    }

    void writeInt(int v) throws IOException {
      if (pos + 4 > buf.length) {
        drain();
      }
      buf[pos] = (byte) (v >>> 24);
      buf[pos + 1] = (byte) (v >>> 16);
      buf[pos + 2] = (byte) (v >>> 8);
      buf[pos + 3] = (byte) v;
      pos += 4;
    }

    void writeLong(long v) throws IOException {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void write(byte[] b) throws IOException {
      if (pos + b.length > buf.length) {
        drain();
        if (b.length > buf.length) {
          target.write(b);
          return;
        }
      }
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    private void drain() throws IOException {
      target.write(buf, 0, pos);
      pos = 0;
    }

    void flush() throws IOException {
      drain();
      target.flush();
    }
  }
}
