package dev.tintype.index;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Md5;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Reads what write_PACKAGES needs from one source tarball in a single streaming pass: the MD5 of
 * the file, {@code <pkg>/DESCRIPTION}, and whether there is a {@code <pkg>/src/} entry. Once both
 * answers are known the rest of the file is only hashed, not inflated.
 */
final class TarballReader {
  private static final int MAX_DESCRIPTION = 1 << 20;

  /**
   * What one tarball holds. {@code hasSrcDir} may be false without the whole archive having been
   * read when the DESCRIPTION already gives NeedsCompilation.
   */
  record Contents(DcfRecord description, String md5, boolean hasSrcDir) {}

  /**
   * A tarball that write_PACKAGES would skip: the message names the file and what was wrong (and
   * does not say what becomes of it: the caller does).
   */
  static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private TarballReader() {}

  /**
   * Reads {@code <pkg>/DESCRIPTION}, where {@code pkg} is the file name up to its first '_', as R
   * takes it.
   */
  static Contents read(Path tarball) throws IOException {
    try (InputStream raw = Files.newInputStream(tarball)) {
      return read(raw, tarball.getFileName().toString());
    }
  }

  /**
   * As {@link #read(Path)}, from a stream of the file named {@code file}, which is read to its end
   * (so a digest of the stream covers the whole file) and closed.
   */
  static Contents read(InputStream raw, String file) throws IOException {
    String pkg = file.substring(0, file.indexOf('_'));
    String description = pkg + "/DESCRIPTION";
    String srcDir = pkg + "/src/";
    MessageDigest md5 = Md5.newDigest();
    try (DigestInputStream hashed = new DigestInputStream(raw, md5)) {
      DcfRecord record = null;
      boolean hasSrc = false;
      try {
        BufferedInputStream buffered = new BufferedInputStream(hashed, 16 * 1024);
        Tar tar = new Tar(decompress(buffered, file));
        for (Tar.Entry e = tar.next(); e != null; e = tar.next()) {
          String name = e.name().startsWith("./") ? e.name().substring(2) : e.name();
          if (record == null && name.equals(description) && e.file()) {
            record = description(tar, e, file);
          }
          // R's test: untar(list = TRUE) shows the directory entry "<pkg>/src/".
          hasSrc |= e.directory() && (name.endsWith("/") ? name : name + "/").equals(srcDir);
          if (record != null && (hasSrc || record.get("NeedsCompilation").isPresent())) {
            break;
          }
        }
        // Only the hash needs the rest: read it raw, past the decompressor's buffer.
        buffered.transferTo(OutputStream.nullOutputStream());
      } catch (Unreadable x) {
        throw x;
      } catch (IOException | IllegalArgumentException x) {
        throw new Unreadable(file + ": not a readable tarball (" + x.getMessage() + ")", x);
      }
      if (record == null) {
        throw new Unreadable(file + ": has no " + description, null);
      }
      return new Contents(record, Md5.hex(md5.digest()), hasSrc);
    }
  }

  private static InputStream decompress(BufferedInputStream in, String file) throws IOException {
    in.mark(3);
    int a = in.read();
    int b = in.read();
    int c = in.read();
    in.reset();
    if (a == 0x1f && b == 0x8b) {
      return new GZIPInputStream(in, 16 * 1024);
    }
    if (a == 'B' && b == 'Z' && c == 'h') {
      return new BZip2CompressorInputStream(in);
    }
    throw new Unreadable(
        file + ": neither gzip nor bzip2 (xz and uncompressed tarballs are not supported)", null);
  }

  private static DcfRecord description(Tar tar, Tar.Entry e, String file) throws IOException {
    if (e.size() > MAX_DESCRIPTION) {
      throw new Unreadable(
          file + ": DESCRIPTION is " + e.size() + " bytes, implausibly large", null);
    }
    byte[] bytes = tar.content(MAX_DESCRIPTION);
    List<DcfRecord> records;
    try {
      records = Dcf.read(new ByteArrayInputStream(bytes), file + "!" + e.name());
    } catch (IOException x) {
      throw new Unreadable(file + ": " + x.getMessage(), x);
    }
    if (records.isEmpty() || records.get(0).get("Package").filter(p -> !p.isEmpty()).isEmpty()) {
      throw new Unreadable(file + ": its DESCRIPTION has no Package field", null);
    }
    return records.get(0);
  }
}
