package dev.tintype.bundle;

import dev.tintype.format.layout.FileName;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;

/** Which storage keys a bundle of one snapshot may carry, judged by rebuilding them with Layout. */
final class Keys {
  enum Kind {
    POOL,
    SNAPSHOT_FILE,
    MANIFEST,
    /** The snapshot's own signature of its manifest, carried so the importing side keeps it. */
    MANIFEST_SIGNATURE
  }

  private Keys() {}

  /** What {@code key} is, or a {@link BadBundleException} saying why the bundle may not hold it. */
  static Kind kind(String key, RepoName repo, SnapshotDate date) throws BadBundleException {
    String problem = pathProblem(key);
    if (problem != null) {
      throw refused(key, repo, date, problem);
    }
    try {
      if (key.startsWith(Layout.POOL + "/")) {
        Layout.poolKey(key);
        return Kind.POOL;
      }
      String prefix = Layout.snapshot(repo, date) + "/";
      if (key.startsWith(prefix)) {
        String relative = key.substring(prefix.length());
        if (key.equals(Layout.manifest(repo, date))) {
          return Kind.MANIFEST;
        }
        if (key.equals(Layout.manifestSignature(repo, date))) {
          return Kind.MANIFEST_SIGNATURE;
        }
        if (key.equals(Layout.snapshotFile(repo, date, relative))) {
          return Kind.SNAPSHOT_FILE;
        }
      }
    } catch (IllegalArgumentException e) {
      throw refused(key, repo, date, e.getMessage());
    }
    throw refused(key, repo, date, "not a pool file or a file of " + repo + "/" + date);
  }

  private static BadBundleException refused(
      String key, RepoName repo, SnapshotDate date, String why) {
    return new BadBundleException(
        "bundle of %s/%s lists '%s'; refused: %s"
            .formatted(repo, date, FileName.printable(key), why));
  }

  /**
   * Why a tar entry name is unsafe to use at all, or null: absolute, {@code ..} or {@code .}
   * segments, empty segments, backslashes or control characters.
   */
  static String pathProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "empty name";
    }
    if (name.startsWith("/")) {
      return "absolute path";
    }
    if (name.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        return "contains a '..' segment";
      }
      if (part.isEmpty() || part.equals(".")) {
        return "contains an empty or '.' segment";
      }
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "contains a control character";
      }
    }
    return null;
  }
}
