package dev.tintype.bundle;

import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** The tar files a bundle is made of: POSIX (pax) tar, 512-byte blocks, deterministic headers. */
final class TarChunks {
  static final int BLOCK = 512;

  /** Two zero blocks end an archive; with a 512-byte record size nothing pads them. */
  static final long END = 2 * BLOCK;

  private TarChunks() {}

  /**
   * An upper bound on the bytes one entry takes: its header, a pax header when the name is long or
   * not ASCII or the length needs it, and the data padded to a block.
   */
  static long entryBytes(String name, long length) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    boolean plain = bytes.length < 100 && bytes.length == name.length() && length < 077777777777L;
    long pax = plain ? 0 : BLOCK + roundUp(2L * bytes.length + 128);
    return BLOCK + pax + roundUp(length);
  }

  static long roundUp(long n) {
    return (n + BLOCK - 1) / BLOCK * BLOCK;
  }

  /** Writes one chunk; the sha256 and size come from the bytes as written. */
  static final class Writer implements Closeable {
    private final FileChannel channel;
    private final Counting counting;
    private final TarArchiveOutputStream tar;
    private boolean finished;

    Writer(Path file) throws IOException {
      this.channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.counting =
          new Counting(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
      this.tar = new TarArchiveOutputStream(counting, BLOCK, StandardCharsets.UTF_8.name());
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * Starts an entry; write exactly {@code length} bytes to {@link #data()}, then {@link #end}.
     */
    void begin(String name, long length) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(length);
      e.setMode(0644);
      e.setModTime(new Date(0));
      e.setIds(0, 0);
      e.setNames("", "");
      tar.putArchiveEntry(e);
    }

    OutputStream data() {
      return tar;
    }

    void end() throws IOException {
      tar.closeArchiveEntry();
    }

    /** Ends the archive and forces it to the medium. */
    void finish() throws IOException {
      tar.finish();
      counting.flush(); // the tar stream does not pass flush down to our buffer
      channel.force(true);
      finished = true;
    }

    long size() {
      return counting.count;
    }

    String sha256() {
      if (!finished) {
        throw new IllegalStateException("chunk not finished");
      }
      return Sha256.of(counting.sha.digest()).hex();
    }

    @Override
    public void close() throws IOException {
      try {
        tar.close();
      } finally {
        channel.close();
      }
    }
  }

  private static final class Counting extends FilterOutputStream {
    final MessageDigest sha = Sha256.newDigest();
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }
  }

  /**
   * Reads one chunk whose entries are known in advance; every entry is checked before its bytes are
   * handed out: a regular file, a safe relative name, the expected name and length.
   */
  static final class Reader implements Closeable {
    private final String chunk;
    private final TarArchiveInputStream tar;
    private int n;

    Reader(Path file, String chunk) throws IOException {
      this.chunk = chunk;
      this.tar =
          new TarArchiveInputStream(
              new BufferedInputStream(Files.newInputStream(file), 1 << 16),
              StandardCharsets.UTF_8.name());
    }

    /** The next entry's data, which must be {@code expected}. */
    InputStream next(Toc.Entry expected) throws IOException {
      n++;
      TarArchiveEntry e = nextEntry();
      if (e == null) {
        throw bad("ends before entry %d, expected '%s'".formatted(n, expected.path()));
      }
      String name = e.getName();
      String problem = Keys.pathProblem(name);
      if (problem == null && !isRegularFile(e)) {
        problem = "it is " + type(e) + "; only regular files are allowed";
      }
      if (problem != null) {
        throw bad("entry %d '%s' is refused: %s".formatted(n, FileName.printable(name), problem));
      }
      if (!name.equals(expected.path())) {
        throw bad(
            "entry %d is '%s', expected '%s'"
                .formatted(n, FileName.printable(name), expected.path()));
      }
      if (e.getSize() != expected.length()) {
        throw bad(
            "entry %d '%s' holds %d bytes, expected %d"
                .formatted(n, name, e.getSize(), expected.length()));
      }
      return tar;
    }

    /** Requires that no entry follows the expected ones. */
    void end() throws IOException {
      TarArchiveEntry e = nextEntry();
      if (e != null) {
        throw bad("holds an unexpected entry '" + FileName.printable(e.getName()) + "'");
      }
    }

    private TarArchiveEntry nextEntry() throws IOException {
      try {
        return tar.getNextEntry();
      } catch (IOException | IllegalArgumentException e) {
        throw new BadBundleException(chunk + ": not a readable tar: " + e.getMessage(), e);
      }
    }

    private static boolean isRegularFile(TarArchiveEntry e) {
      byte flag = e.getLinkFlag();
      return (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM)
          && !e.isSparse()
          && !e.getName().endsWith("/");
    }

    private static String type(TarArchiveEntry e) {
      if (e.isSymbolicLink()) {
        return "a symbolic link to '" + FileName.printable(e.getLinkName()) + "'";
      }
      if (e.isLink()) {
        return "a hard link to '" + FileName.printable(e.getLinkName()) + "'";
      }
      if (e.isDirectory()) {
        return "a directory";
      }
      if (e.isCharacterDevice() || e.isBlockDevice()) {
        return "a device";
      }
      if (e.isFIFO()) {
        return "a FIFO";
      }
      return "of tar type '" + (char) e.getLinkFlag() + "'";
    }

    private BadBundleException bad(String what) {
      return new BadBundleException(chunk + ": " + what);
    }

    @Override
    public void close() throws IOException {
      tar.close();
    }
  }
}
