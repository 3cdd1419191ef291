package dev.tintype.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new, empty file under a unique name in a scratch directory, open for writing.
 *
 * <p>It is created and opened by one {@code open(O_CREAT|O_EXCL)}. {@code Files.createTempFile}
 * followed by {@code Files.newOutputStream} opens it twice, and the second open's {@code O_TRUNC}
 * makes ext4 (auto_da_alloc) start writing the file back at {@code close}: on the first CRAN sync
 * of 20,000 packages that was 7 % of the download threads' CPU. The directory is made only when the
 * open finds it missing.
 */
public record ScratchFile(Path path, OutputStream out) {
  private static final Set<StandardOpenOption> NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final int ATTEMPTS = 100;
  // Whole 64 KiB writes: a write that starts or ends inside a new 4 KiB block makes ext4 zero the
  // rest of the block first, and the socket hands over a few KB at a time. One buffer per thread,
  // the download threads being a fixed pool.
  private static final int CHUNK = 64 * 1024;
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  // Private until the pool publishes it, as createTempFile made it.
  private static final FileAttribute<?>[] PRIVATE = {
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
  };
  private static final FileAttribute<?>[] NONE = {};

  /** A new file in {@code dir} (made if missing), open for writing; the caller closes it. */
  public static ScratchFile create(Path dir) throws IOException {
    FileAttribute<?>[] attrs =
        dir.getFileSystem().supportedFileAttributeViews().contains("posix") ? PRIVATE : NONE;
    for (int i = 0; i < ATTEMPTS; i++) {
      // O_EXCL: never an existing file, nor one a symlink points to, whatever the name.
      Path p =
          dir.resolve(
              "dl-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".part");
      try {
        return new ScratchFile(p, Channels.newOutputStream(Files.newByteChannel(p, NEW, attrs)));
      } catch (NoSuchFileException e) {
        Files.createDirectories(dir);
      } catch (FileAlreadyExistsException e) {
        // another name
      }
    }
    throw new IOException(
        "could not create a new file in " + dir + " after " + ATTEMPTS + " tries");
  }

  /**
   * Copies {@code in} to {@code out} in writes of 64 KiB (the last one shorter) and returns the
   * bytes copied.
   */
  static long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = BUFFER.get();
    long total = 0;
    int n = 0;
    for (int r; (r = in.read(buf, n, buf.length - n)) >= 0; ) {
      n += r;
      if (n == buf.length) {
        out.write(buf, 0, n);
        total += n;
        n = 0;
      }
    }
    if (n > 0) {
      out.write(buf, 0, n);
      total += n;
    }
    return total;
  }
}
