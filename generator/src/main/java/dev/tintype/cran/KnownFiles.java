package dev.tintype.cran;

import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.PreviousSnapshot;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pool files by file name and MD5 ({@link #key}), which spare a download: those added in this run,
 * then the previous snapshot's.
 */
final class KnownFiles {
  private final Map<String, FileEntry> added = new HashMap<>();
  private final PreviousSnapshot.PoolIndex previous;

  private KnownFiles(PreviousSnapshot.PoolIndex previous) {
    this.previous = previous;
  }

  /** The previous snapshot's pool files (none without one). */
  static KnownFiles of(Optional<PreviousSnapshot> previous) throws IOException {
    return new KnownFiles(
        previous.isEmpty() ? null : previous.get().poolBy("md5", KnownFiles::key));
  }

  FileEntry get(String fileName, String md5) {
    String key = key(fileName, md5);
    FileEntry f = added.get(key);
    return f != null || previous == null ? f : previous.get(key);
  }

  /** A pool file known by its own file name; ignored without an MD5. */
  void add(FileEntry poolFile) {
    String p = poolFile.path();
    add(p.substring(p.lastIndexOf('/') + 1), poolFile);
  }

  /** A pool file known under {@code fileName}; ignored without an MD5. */
  void add(String fileName, FileEntry poolFile) {
    if (poolFile.md5() != null) {
      added.put(key(fileName, poolFile.md5()), poolFile);
    }
  }

  static String key(String fileName, String md5) {
    return fileName + "\0" + md5;
  }

  // A pool file's key by its own file name and MD5; null without an MD5.
  private static String key(FileEntry poolFile) {
    String p = poolFile.path();
    return poolFile.md5() == null ? null : key(p.substring(p.lastIndexOf('/') + 1), poolFile.md5());
  }
}
