package dev.tintype.diff;

import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares two Bioconductor snapshots area by area: the {@code PACKAGES} of each release and area
 * either snapshot has, as {@link CranDiff} compares CRAN's. An area only one snapshot has (the
 * configured releases or areas changed between them) counts as empty in the other, so its packages
 * are all added or all removed.
 */
final class BiocDiff {
  private static final Pattern RELEASE = Pattern.compile("[0-9]{1,4}\\.[0-9]{1,4}");

  private BiocDiff() {}

  static void diff(
      Storage storage, RepoName repo, SnapshotDate older, SnapshotDate newer, Changes out)
      throws IOException {
    TreeSet<BiocArea> areas = new TreeSet<>(BiocArea.ORDER);
    areas.addAll(areas(storage, repo, older));
    areas.addAll(areas(storage, repo, newer));
    for (BiocArea a : areas) {
      CranDiff.compare(read(storage, repo, older, a), read(storage, repo, newer, a), a, out);
    }
  }

  /** The areas whose index the snapshot holds, found by listing its releases. */
  private static TreeSet<BiocArea> areas(Storage storage, RepoName repo, SnapshotDate date)
      throws IOException {
    TreeSet<BiocArea> out = new TreeSet<>(BiocArea.ORDER);
    for (String release : storage.children(Layout.snapshotFile(repo, date, "packages"))) {
      if (!RELEASE.matcher(release).matches()) {
        continue;
      }
      for (String area : RepoConfig.BIOC_AREAS) {
        BiocArea a = new BiocArea(release, area);
        if (storage.exists(index(repo, date, a))) {
          out.add(a);
        }
      }
    }
    return out;
  }

  private static Map<String, CranDiff.Listed> read(
      Storage storage, RepoName repo, SnapshotDate date, BiocArea a) throws IOException {
    String key = index(repo, date, a);
    return storage.exists(key) ? CranDiff.read(storage, key) : Map.of();
  }

  private static String index(RepoName repo, SnapshotDate date, BiocArea a) {
    return Layout.snapshotFile(
        repo, date, Layout.contribIndex(Layout.biocContrib(a.release(), a.area()), "PACKAGES"));
  }
}
