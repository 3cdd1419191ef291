package dev.tintype.diff;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.Filenames;
import dev.tintype.format.pypi.Pep440;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.UpstreamPages;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the project pages of two PyPI snapshots. Both manifests are walked side by side in path
 * order, so one entry of each and one project's two pages are held at a time; a page whose digest
 * is the same in both manifests is not even opened.
 */
final class PypiDiff {
  /** PEP 440 order; a version PEP 440 cannot read sorts first, by its text, as PEP 700 lists it. */
  static final Comparator<String> VERSIONS =
      (a, b) -> {
        Optional<Pep440> x = Pep440.parse(a);
        Optional<Pep440> y = Pep440.parse(b);
        if (x.isPresent() && y.isPresent()) {
          return x.get().compareTo(y.get());
        }
        return x.isPresent() != y.isPresent() ? (x.isPresent() ? 1 : -1) : a.compareTo(b);
      };

  // Resolves the pages' relative links; nothing is fetched from it.
  private static final String BASE = "https://snapshot.invalid/";

  private final Storage storage;
  private final RepoName repo;
  private final Changes out;

  private PypiDiff(Storage storage, RepoName repo, Changes out) {
    this.storage = storage;
    this.repo = repo;
    this.out = out;
  }

  static void diff(
      Storage storage, RepoName repo, SnapshotDate older, SnapshotDate newer, Changes out)
      throws IOException {
    new PypiDiff(storage, repo, out).run(older, newer);
  }

  private void run(SnapshotDate older, SnapshotDate newer) throws IOException {
    try (ManifestFiles a = open(older);
        ManifestFiles b = open(newer)) {
      FileEntry x = nextPage(a);
      FileEntry y = nextPage(b);
      while (x != null || y != null) {
        int c = x == null ? 1 : y == null ? -1 : x.path().compareTo(y.path());
        // A page with the same digest in both is the same page: its project did not change.
        if (c != 0 || !x.sha256().equals(y.sha256())) {
          compare(c <= 0 ? page(older, x) : null, c >= 0 ? page(newer, y) : null);
        }
        if (c <= 0) {
          x = nextPage(a);
        }
        if (c >= 0) {
          y = nextPage(b);
        }
      }
    }
  }

  private ManifestFiles open(SnapshotDate date) throws IOException {
    String key = Layout.manifest(repo, date);
    return ManifestFiles.open(storage.open(key), key);
  }

  /** The next project JSON page a manifest lists. */
  private static FileEntry nextPage(ManifestFiles files) throws IOException {
    for (FileEntry e = files.next(); e != null; e = files.next()) {
      String name = Layout.projectOfPage(e.path());
      if (name != null && e.path().equals(Layout.pypiProjectPage(name, true))) {
        return e;
      }
    }
    return null;
  }

  private ProjectPage page(SnapshotDate date, FileEntry e) throws IOException {
    String name = Layout.projectOfPage(e.path());
    String key = Layout.snapshotFile(repo, date, e.path());
    String base = BASE + Layout.snapshot(repo, date) + "/" + Layout.pypiProjectDir(name);
    ProjectName project;
    try {
      project = new ProjectName(name);
    } catch (IllegalArgumentException ex) {
      throw new IOException(key + ": not a project page: " + ex.getMessage(), ex);
    }
    try (InputStream in = storage.open(key)) {
      return UpstreamPages.parseJson(project, in, base);
    } catch (IOException ex) {
      throw new IOException(key + ": unreadable project page: " + ex.getMessage(), ex);
    }
  }

  private void compare(ProjectPage before, ProjectPage after) {
    ProjectName project = (before != null ? before : after).name();
    String name = project.normalized();
    Map<String, DistFile> old = files(before);
    Map<String, DistFile> now = files(after);
    NavigableSet<String> vOld = versions(project, old);
    NavigableSet<String> vNew = versions(project, now);
    List<String> added = minus(vNew, vOld);
    List<String> removed = minus(vOld, vNew);
    String from = vOld.isEmpty() ? null : vOld.last();
    String to = vNew.isEmpty() ? null : vNew.last();
    if (before == null) {
      out.packages.add(new PackageChange(PackageChange.Kind.ADDED, name, null, to, added, removed));
      return;
    }
    if (after == null) {
      out.packages.add(
          new PackageChange(PackageChange.Kind.REMOVED, name, from, null, added, removed));
      return;
    }
    // A side with no readable version counts as the oldest.
    int c;
    if (from == null || to == null) {
      c = from == to ? 0 : from == null ? -1 : 1;
    } else {
      c = VERSIONS.compare(from, to);
    }
    PackageChange.Kind kind =
        c < 0
            ? PackageChange.Kind.UPGRADED
            : c > 0 ? PackageChange.Kind.DOWNGRADED : PackageChange.Kind.CHANGED;
    if (c != 0 || !added.isEmpty() || !removed.isEmpty()) {
      out.packages.add(new PackageChange(kind, name, from, to, added, removed));
    }
    files(project, old, now, vOld, vNew);
  }

  /** Changes of files the version lines do not cover: within versions both snapshots have. */
  private void files(
      ProjectName project,
      Map<String, DistFile> old,
      Map<String, DistFile> now,
      NavigableSet<String> vOld,
      NavigableSet<String> vNew) {
    String name = project.normalized();
    for (DistFile f : old.values()) {
      String v = version(project, f.filename());
      DistFile n = now.get(f.filename());
      if (n == null) {
        if (v == null || vNew.contains(v)) {
          out.files.add(FileChange.of(FileChange.Kind.REMOVED, name, v, f.filename()));
        }
        continue;
      }
      if (!Objects.equals(f.hashes().get("sha256"), n.hashes().get("sha256"))) {
        out.files.add(FileChange.of(FileChange.Kind.REPLACED, name, v, f.filename()));
      }
      if (!f.isYanked() && n.isYanked()) {
        out.files.add(
            new FileChange(FileChange.Kind.YANKED, name, v, f.filename(), n.yanked(), null));
      } else if (f.isYanked() && !n.isYanked()) {
        out.files.add(
            new FileChange(FileChange.Kind.UNYANKED, name, v, f.filename(), null, f.yanked()));
      } else if (f.isYanked() && !f.yanked().equals(n.yanked())) {
        out.files.add(
            new FileChange(
                FileChange.Kind.REASON_CHANGED, name, v, f.filename(), n.yanked(), f.yanked()));
      }
    }
    for (DistFile n : now.values()) {
      String v = version(project, n.filename());
      if (!old.containsKey(n.filename()) && (v == null || vOld.contains(v))) {
        out.files.add(FileChange.of(FileChange.Kind.ADDED, name, v, n.filename()));
      }
    }
  }

  private static Map<String, DistFile> files(ProjectPage page) {
    Map<String, DistFile> out = new TreeMap<>();
    if (page != null) {
      page.files().forEach(f -> out.put(f.filename(), f));
    }
    return out;
  }

  private static NavigableSet<String> versions(ProjectName project, Map<String, DistFile> files) {
    NavigableSet<String> out = new TreeSet<>(VERSIONS);
    for (String f : files.keySet()) {
      String v = version(project, f);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** The file's version, normalized if PEP 440 reads it; null if its name gives none. */
  static String version(ProjectName project, String filename) {
    return Filenames.version(project, filename)
        .map(raw -> Pep440.parse(raw).map(Pep440::toString).orElse(raw))
        .orElse(null);
  }

  private static List<String> minus(NavigableSet<String> a, NavigableSet<String> b) {
    List<String> out = new ArrayList<>();
    for (String v : a) {
      if (!b.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
