package dev.tintype.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes a snapshot's directories, nearly all of them new and under one made just before: one {@code
 * mkdir} each, with mode 0755, where {@link PublicModes#directories} stats the directory and its
 * parent first and sets the mode after (a nightly of 100,000 PyPI projects spent a fifth of its
 * system calls on those). The mode is set only if the first directory made did not come out 0755 by
 * itself: a umask or default ACL stricter than 022 applies to every directory under the snapshot's
 * staging directory (or the pool) alike. Missing parents are made the same way. Thread safe: two
 * threads making the same directory both succeed.
 *
 * <p>Parents it has made or found are remembered, so that a new directory under one of them is one
 * {@code mkdir}, and under an unknown parent the parent is made first: asking the leaf first would
 * cost a {@code NoSuchFileException} (two stack traces filled in by the JDK) for nearly every new
 * pool file, whose {@code pool/ab/cd} parent is new too. The memory is a fixed table of path
 * fingerprints: a parent it forgets or mistakes is made or looked up again, never skipped.
 */
final class DirectoryMaker {
  private static final FileAttribute<Set<PosixFilePermission>> PUBLIC =
      PosixFilePermissions.asFileAttribute(PublicModes.DIRECTORY);

  // Whether a directory made with mode 0755 comes out 0755 here; null until one is made. Threads
  // that race to set it find the same answer.
  private volatile Boolean keepsMode;

  private final KnownDirectories parents = new KnownDirectories();

  void make(Path dir) throws IOException {
    if (!PublicModes.posix(dir)) {
      PublicModes.directories(dir);
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !parents.contains(parent)) {
      make(parent);
      parents.add(parent);
    }
    try {
      create(dir);
    } catch (NoSuchFileException e) {
      // The parent was removed since it was made here (gc of empty pool dirs), or mistaken for
      // another: made again for real.
      if (parent == null) {
        throw e;
      }
      make(parent);
      create(dir);
    }
  }

  private void create(Path dir) throws IOException {
    try {
      Files.createDirectory(dir, PUBLIC);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e; // a file in the way
      }
      return; // there already, or made by a concurrent writer, which sets its mode
    }
    Boolean keeps = keepsMode;
    if (keeps == null) {
      keeps = Files.getPosixFilePermissions(dir).equals(PublicModes.DIRECTORY);
      keepsMode = keeps;
    }
    if (!keeps) {
      PublicModes.set(dir, PublicModes.DIRECTORY);
    }
  }
}
