package dev.tintype.format.cran;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.rds.RdsWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a repository's {@code PACKAGES}, {@code PACKAGES.gz} and {@code PACKAGES.rds} from the
 * same records, as {@code tools::write_PACKAGES} does, so that the three agree and R clients see
 * the same index whichever they read. Output is deterministic: records in the order given (the
 * caller sorts), no timestamps.
 *
 * <p>All three are written from one table, R's {@code db} matrix: its columns are {@link
 * #STANDARD_FIELDS} followed by every other tag in first-seen order; an empty value counts as
 * missing (R sets it to NA). In the text index each record lists its fields in column order and
 * leaves missing ones out; in the {@code .rds} they are NA.
 */
public final class PackagesIndex {
  /**
   * R's {@code tools:::.get_standard_repository_db_fields("source")}: the fields of a source
   * repository index, in R's order.
   */
  public static final List<String> STANDARD_FIELDS =
      List.of(
          "Package",
          "Version",
          "Priority",
          "Depends",
          "Imports",
          "LinkingTo",
          "Suggests",
          "Enhances",
          "License",
          "License_is_FOSS",
          "License_restricts_use",
          "OS_type",
          "Archs",
          "MD5sum",
          "NeedsCompilation");

  private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

  private final Table table;
  private byte[] packages;

  private PackagesIndex(Table table) {
    this.table = table;
  }

  /**
   * The three indexes of these records, to write, or to compare with what an earlier run wrote. Not
   * thread-safe; the records must not change.
   */
  public static PackagesIndex of(List<DcfRecord> records) {
    return new PackagesIndex(Table.of(records));
  }

  /** The bytes of {@code PACKAGES}, formatted once. */
  public byte[] packages() throws IOException {
    if (packages == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Dcf.writeRows(table.columns(), table.rows(), out);
      packages = out.toByteArray();
    }
    return packages;
  }

  /** Writes {@code PACKAGES.gz}. */
  public void writePackagesGz(OutputStream out) throws IOException {
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      gz.write(packages());
    }
  }

  /** Writes {@code PACKAGES.rds}. */
  public void writePackagesRds(OutputStream out) throws IOException {
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      RdsWriter.writeCharacterMatrix(gz, table.columns(), table.rowNames(), table.rows());
    }
  }

  /**
   * Whether {@code earlier} is a {@code PACKAGES.gz} with this writer's gzip header and exactly
   * {@link #packages} as its content; a corrupt one is not.
   */
  public boolean isPackagesGz(byte[] earlier) throws IOException {
    byte[] content = packages();
    return DeterministicGzip.holds(earlier, out -> out.write(content));
  }

  /**
   * Whether {@code earlier} is a {@code PACKAGES.rds} with this writer's gzip header and exactly
   * the serialization {@link #writePackagesRds} compresses: then it holds this very table.
   */
  public boolean isPackagesRds(byte[] earlier) throws IOException {
    return DeterministicGzip.holds(
        earlier,
        out ->
            RdsWriter.writeCharacterMatrix(out, table.columns(), table.rowNames(), table.rows()));
  }

  /** Writes the text {@code PACKAGES}. {@code out} is flushed, not closed. */
  public static void writePackages(List<DcfRecord> records, OutputStream out) throws IOException {
    Table table = Table.of(records);
    Dcf.writeRows(table.columns(), table.rows(), out);
  }

  /** Writes {@code PACKAGES.gz}: {@link #writePackages} in a gzip member with a fixed header. */
  public static void writePackagesGz(List<DcfRecord> records, OutputStream out) throws IOException {
    Table table = Table.of(records);
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      Dcf.writeRows(table.columns(), table.rows(), gz);
    }
  }

  /**
   * Writes {@code PACKAGES} and {@code PACKAGES.gz} in one pass, formatting each record once: the
   * same bytes as {@link #writePackages} and {@link #writePackagesGz}. The streams are flushed, not
   * closed.
   */
  public static void writePackagesAndGz(
      List<DcfRecord> records, OutputStream packages, OutputStream packagesGz) throws IOException {
    Table table = Table.of(records);
    try (DeterministicGzip gz = new DeterministicGzip(packagesGz)) {
      OutputStream both =
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              packages.write(b);
              gz.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              packages.write(b, off, len);
              gz.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
              packages.flush();
            }
          };
      Dcf.writeRows(table.columns(), table.rows(), both);
    }
    packages.flush();
  }

  /**
   * Writes {@code PACKAGES.rds}: a gzip-compressed, XDR version 2 serialization of the character
   * matrix with one row per record, named by its Package.
   */
  public static void writePackagesRds(List<DcfRecord> records, OutputStream out)
      throws IOException {
    Table table = Table.of(records);
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      RdsWriter.writeCharacterMatrix(gz, table.columns(), table.rowNames(), table.rows());
    }
  }

  /**
   * The index record of a source package, made from its DESCRIPTION as {@code
   * tools::write_PACKAGES} makes it: the {@link #STANDARD_FIELDS} the DESCRIPTION has with a
   * non-empty value, in R's order, and {@code MD5sum} set to the tarball's.
   *
   * <p>Two things R does are left to the caller: when the DESCRIPTION lacks NeedsCompilation, R
   * sets it to "yes" if the tarball holds {@code <pkg>/src/}, else "no"; and R replaces a License
   * it cannot standardize ({@code tools:::analyze_licenses}) with NA.
   *
   * @param md5 the tarball's MD5 as 32 lower-case hex digits
   */
  public static DcfRecord recordFor(DcfRecord description, String md5) {
    Objects.requireNonNull(description, "description");
    if (md5 == null || !MD5.matcher(md5).matches()) {
      throw new IllegalArgumentException(
          "MD5sum for package '"
              + description.get("Package").orElse("?")
              + "' must be 32 lower-case hex digits, found "
              + (md5 == null ? "null" : "'" + md5 + "'"));
    }
    DcfRecord.Builder record = DcfRecord.builder();
    for (String field : STANDARD_FIELDS) {
      if (field.equals("MD5sum")) {
        record.add(field, md5);
        continue;
      }
      description.get(field).filter(v -> !v.isEmpty()).ifPresent(v -> record.add(field, v));
    }
    return record.build();
  }

  /** R's {@code db}: the columns, and one row of cells per record, null where NA. */
  record Table(List<String> columns, List<String> rowNames, List<List<String>> rows) {
    static Table of(List<DcfRecord> records) {
      LinkedHashSet<String> columns = new LinkedHashSet<>(STANDARD_FIELDS);
      records.forEach(r -> columns.addAll(r.fields().keySet()));
      List<String> columnList = List.copyOf(columns);
      Map<String, Integer> columnIndex = new HashMap<>();
      for (int j = 0; j < columnList.size(); j++) {
        columnIndex.put(columnList.get(j), j);
      }
      List<String> rowNames = new ArrayList<>(records.size());
      List<List<String>> rows = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        DcfRecord record = records.get(i);
        String pkg = record.fields().get("Package");
        if (pkg == null || pkg.isEmpty()) {
          throw new IllegalArgumentException(
              "index record " + (i + 1) + " has no Package field: " + record);
        }
        rowNames.add(pkg);
        String[] row = new String[columnList.size()];
        for (Map.Entry<String, String> field : record.fields().entrySet()) {
          String value = field.getValue();
          row[columnIndex.get(field.getKey())] = value.isEmpty() ? null : value;
        }
        rows.add(Arrays.asList(row));
      }
      return new Table(columnList, rowNames, rows);
    }
  }
}
