package dev.tintype.fetch;

import java.io.IOException;
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
record ScratchFile(Path path, OutputStream out) {
  private static final Set<StandardOpenOption> NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final int ATTEMPTS = 100;

  static ScratchFile create(Path dir) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    // Private until the pool publishes it, as createTempFile made it.
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
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
}
