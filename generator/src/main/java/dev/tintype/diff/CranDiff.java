package dev.tintype.diff;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.index.RVersion;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Compares the {@code src/contrib/PACKAGES} of two snapshots of an R repository. */
final class CranDiff {
  /** R's package_version order; a version R would refuse sorts by its text, after valid ones. */
  static final Comparator<String> VERSIONS =
      (a, b) -> {
        boolean va = RVersion.isValid(a);
        boolean vb = RVersion.isValid(b);
        if (va && vb) {
          int c = RVersion.compare(a, b);
          return c != 0 ? c : a.compareTo(b);
        }
        return va != vb ? (va ? -1 : 1) : a.compareTo(b);
      };

  /** One line of PACKAGES, reduced to what a diff compares. */
  record Listed(String version, String path, String md5) {}

  private CranDiff() {}

  static void diff(
      Storage storage, RepoName repo, SnapshotDate older, SnapshotDate newer, Changes out)
      throws IOException {
    String index = Layout.cranContribFile("PACKAGES");
    // One index is read whole at a time, and only its package lines are kept.
    Map<String, Listed> before = read(storage, Layout.snapshotFile(repo, older, index));
    Map<String, Listed> after = read(storage, Layout.snapshotFile(repo, newer, index));
    compare(before, after, null, out);
  }

  /** Adds what changed from {@code before} to {@code after}, in {@code area} (null for CRAN). */
  static void compare(
      Map<String, Listed> before, Map<String, Listed> after, BiocArea area, Changes out) {
    for (Map.Entry<String, Listed> e : before.entrySet()) {
      Listed now = after.get(e.getKey());
      String v = e.getValue().version();
      if (now == null) {
        out.packages.add(
            new PackageChange(
                PackageChange.Kind.REMOVED, e.getKey(), v, null, List.of(), List.of(v), area));
      } else if (!now.version().equals(v)) {
        PackageChange.Kind k =
            VERSIONS.compare(v, now.version()) < 0
                ? PackageChange.Kind.UPGRADED
                : PackageChange.Kind.DOWNGRADED;
        out.packages.add(
            new PackageChange(
                k, e.getKey(), v, now.version(), List.of(now.version()), List.of(v), area));
      } else if (!Objects.equals(now.path(), e.getValue().path())
          || !Objects.equals(now.md5(), e.getValue().md5())) {
        out.files.add(
            FileChange.of(
                FileChange.Kind.REPLACED, e.getKey(), v, e.getKey() + "_" + v + ".tar.gz", area));
      }
    }
    for (Map.Entry<String, Listed> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        String v = e.getValue().version();
        out.packages.add(
            new PackageChange(
                PackageChange.Kind.ADDED, e.getKey(), null, v, List.of(v), List.of(), area));
      }
    }
  }

  /** The packages of the PACKAGES at {@code key}, by name. */
  static Map<String, Listed> read(Storage storage, String key) throws IOException {
    List<DcfRecord> records;
    try (InputStream in = storage.open(key)) {
      records = Dcf.read(in, key);
    }
    Map<String, Listed> out = new TreeMap<>();
    for (DcfRecord r : records) {
      String name = r.get("Package").orElse(null);
      String version = r.get("Version").orElse(null);
      if (name == null || version == null) {
        throw new IOException(
            key
                + ": expected every record to have Package and Version, found "
                + r.fields().keySet());
      }
      Listed l = new Listed(version, r.get("Path").orElse(null), r.get("MD5sum").orElse(null));
      // A name listed twice (a recommended package) is the newest, as available.packages() keeps.
      out.merge(name, l, (a, b) -> VERSIONS.compare(a.version(), b.version()) >= 0 ? a : b);
    }
    return out;
  }
}
