package dev.tintype.cran;

import dev.tintype.format.manifest.FileEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pool files a sharded run's shards stored, as a publish looks them up. */
final class RunFiles {
  private RunFiles() {}

  /**
   * The files by file name, for binaries without MD5sum; a name stored twice with different content
   * (one build for each of two R versions) is left out, and downloaded again. A package's files all
   * belong to one shard, so a name is ambiguous in the run only if it is in that shard.
   */
  static Map<String, FileEntry> byUniqueName(List<FileEntry> stored) {
    Map<String, FileEntry> m = new HashMap<>();
    Set<String> twice = new HashSet<>();
    for (FileEntry f : stored) {
      String name = f.path().substring(f.path().lastIndexOf('/') + 1);
      FileEntry before = m.put(name, f);
      if (before != null && !before.path().equals(f.path())) {
        twice.add(name);
      }
    }
    m.keySet().removeAll(twice);
    return m;
  }
}
