package dev.tintype.bundle;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An export's chunk entries and files, in the order they were written, kept in two scratch files
 * until the table of contents (which lists the chunks before the files) is written.
 */
final class ExportSpool implements Closeable {
  private final Path entriesFile;
  private final Path filesFile;
  private DataOutputStream entriesOut;
  private DataOutputStream filesOut;
  private DataInputStream entriesIn;
  private DataInputStream filesIn;

  ExportSpool(Path scratch) throws IOException {
    Files.createDirectories(scratch);
    entriesFile = Files.createTempFile(scratch, "export-entries-", ".spool");
    filesFile = Files.createTempFile(scratch, "export-files-", ".spool");
    entriesOut = out(entriesFile);
    filesOut = out(filesFile);
  }

  private static DataOutputStream out(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  private static DataInputStream in(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  void entry(Toc.Entry e) throws IOException {
    entriesOut.writeUTF(e.path());
    entriesOut.writeLong(e.offset());
    entriesOut.writeLong(e.length());
  }

  void file(Toc.BundleFile f) throws IOException {
    filesOut.writeUTF(f.path());
    filesOut.writeLong(f.size());
    filesOut.writeUTF(f.sha256());
  }

  /** Ends writing; the entries and files can then be read back once, in order. */
  void startReading() throws IOException {
    entriesOut.close();
    filesOut.close();
    entriesIn = in(entriesFile);
    filesIn = in(filesFile);
  }

  /** The next entry; the table of contents asks for exactly as many as were written. */
  Toc.Entry nextEntry() throws IOException {
    return new Toc.Entry(entriesIn.readUTF(), entriesIn.readLong(), entriesIn.readLong());
  }

  /** The next file, or null after the last. */
  Toc.BundleFile nextFile() throws IOException {
    String path;
    try {
      path = filesIn.readUTF();
    } catch (EOFException end) {
      return null;
    }
    return new Toc.BundleFile(path, filesIn.readLong(), filesIn.readUTF());
  }

  @Override
  public void close() throws IOException {
    for (Closeable c : new Closeable[] {entriesOut, filesOut, entriesIn, filesIn}) {
      if (c != null) {
        c.close();
      }
    }
    Files.deleteIfExists(entriesFile);
    Files.deleteIfExists(filesFile);
  }
}
