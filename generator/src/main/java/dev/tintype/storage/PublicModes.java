package dev.tintype.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives what tintype publishes on a filesystem the modes a web server needs: files 0644,
 * directories 0755, whatever the umask and however the file was made (downloads start as 0600
 * temporary files). nginx workers run as another user (www-data, nobody) than the sync. Where the
 * filesystem has no POSIX permissions, there is nothing to set.
 */
final class PublicModes {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> SEARCH_ALL =
      EnumSet.of(
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final Set<PosixFilePermission> READ_ALL =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ);

  private PublicModes() {}

  /** Sets a file tintype has just written, and nobody else has yet seen, to 0644. */
  static void file(Path p) throws IOException {
    if (posix(p)) {
      set(p, FILE);
    }
  }

  /**
   * Adds read for all to a file that may already be published (a pool file stored by an older
   * version as 0600), leaving its other bits alone. A hard link shares its inode, so this repairs
   * the pool file too.
   */
  static void readable(Path p) throws IOException {
    if (!posix(p)) {
      return;
    }
    Set<PosixFilePermission> have = Files.getPosixFilePermissions(p);
    if (!have.containsAll(READ_ALL)) {
      Set<PosixFilePermission> want = EnumSet.copyOf(READ_ALL);
      want.addAll(have);
      set(p, want);
    }
  }

  /**
   * As {@link Files#createDirectories}, with each directory it creates set to 0755; existing ones
   * are left as they are.
   */
  static Path directories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      directories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return dir; // made by a concurrent writer, which sets its mode
    }
    if (posix(dir)) {
      set(dir, DIRECTORY);
    }
    return dir;
  }

  /**
   * Some mounts (vfat, some CIFS) report POSIX attributes but refuse chmod, and fix the modes
   * themselves: what matters is that all can read.
   */
  static void set(Path p, Set<PosixFilePermission> want) throws IOException {
    try {
      Files.setPosixFilePermissions(p, want);
    } catch (FileSystemException e) {
      Set<PosixFilePermission> have = Files.getPosixFilePermissions(p);
      boolean dir = Files.isDirectory(p);
      if (!have.containsAll(READ_ALL) || (dir && !have.containsAll(SEARCH_ALL))) {
        FileSystemException refused =
            new FileSystemException(
                p.toString(),
                null,
                "cannot make it readable by all (it is "
                    + PosixFilePermissions.toString(have)
                    + ", so a web server running as another user could not read it): "
                    + e.getMessage());
        refused.initCause(e);
        throw refused;
      }
    }
  }

  static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
