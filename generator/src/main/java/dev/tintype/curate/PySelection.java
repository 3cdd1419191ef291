package dev.tintype.curate;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.Filenames;
import dev.tintype.format.pypi.Pep440;
import dev.tintype.format.pypi.ProjectPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One project page through a {@link PypiCuration}'s version filters (block, prereleases, what is
 * wanted, {@code latest}) and file filters ({@link PyFiles}), each dropped file with its reason.
 * The closure and {@code projects:} share it; {@code block-licenses} needs core metadata, which the
 * caller reads for each {@link #chosen()} version and hands to {@link #dropLicensed}.
 */
final class PySelection {
  private final ProjectPage page;
  private final Map<String, List<DistFile>> byVersion = new LinkedHashMap<>();
  private final List<String> chosen = new ArrayList<>();
  private final List<DistFile> kept = new ArrayList<>();
  private final SortedMap<String, String> dropped = new TreeMap<>();

  /**
   * @param wanted whether some requirement allows a version; the versions it refuses are dropped as
   *     "no requirement allows this version"
   */
  PySelection(PypiCuration c, PyFiles files, ProjectPage page, Predicate<String> wanted) {
    this.page = page;
    String name = page.name().normalized();
    for (DistFile f : page.files()) {
      Optional<Pep440> v = Filenames.version(page.name(), f.filename()).flatMap(Pep440::parse);
      if (v.isEmpty()) {
        dropped.put(f.filename(), "version is not PEP 440");
        continue;
      }
      byVersion.computeIfAbsent(v.get().toString(), k -> new ArrayList<>()).add(f);
    }
    List<Pep440> candidates = new ArrayList<>();
    Map<String, String> versionReason = new HashMap<>();
    for (String v : byVersion.keySet()) {
      Pep440 pv = Pep440.parse(v).orElseThrow();
      String rule = blockRule(c, name, v);
      if (rule != null) {
        versionReason.put(v, "blocked (" + rule + ")");
      } else if (!c.prereleases() && pv.isPrerelease()) {
        versionReason.put(v, "prerelease");
      } else if (!wanted.test(v)) {
        versionReason.put(v, "no requirement allows this version");
      } else {
        candidates.add(pv);
      }
    }
    candidates.sort(Comparator.reverseOrder());
    for (int i = 0; i < candidates.size(); i++) {
      String v = candidates.get(i).toString();
      if (c.latest() > 0 && i >= c.latest()) {
        versionReason.put(v, "older than the latest " + c.latest());
      } else {
        chosen.add(v);
      }
    }
    for (Map.Entry<String, List<DistFile>> e : byVersion.entrySet()) {
      String reason = versionReason.get(e.getKey());
      for (DistFile f : e.getValue()) {
        String r = reason != null ? reason : files.reason(f);
        if (r == null) {
          kept.add(f);
        } else {
          dropped.put(f.filename(), r);
        }
      }
    }
  }

  /** The versions chosen, newest first. */
  List<String> chosen() {
    return chosen;
  }

  /** The kept files of a chosen version. */
  List<DistFile> kept(String version) {
    return kept.stream().filter(f -> byVersion.get(version).contains(f)).toList();
  }

  /** Drops the version's kept files when its metadata has a blocked license; true if so. */
  boolean dropLicensed(PyFiles files, String version, PyClosure.Metadata md) {
    String license = files.licenseBlocked(md);
    if (license == null) {
      return false;
    }
    List<DistFile> versionFiles = kept(version);
    kept.removeAll(versionFiles);
    versionFiles.forEach(
        f -> dropped.put(f.filename(), "license " + license + " (block-licenses)"));
    return true;
  }

  /** The page with only the kept files. */
  ProjectPage keptPage() {
    return page.withFiles(kept);
  }

  boolean keptNone() {
    return kept.isEmpty();
  }

  /** Each dropped file's reason, by file name. */
  SortedMap<String, String> dropped() {
    return dropped;
  }

  /** The {@code block} rule that matches the version, or null. */
  static String blockRule(PypiCuration c, String name, String version) {
    for (Requirement b : c.block()) {
      if (b.normalized().equals(name) && b.specifiers().matches(version)) {
        return b.toString();
      }
    }
    return null;
  }
}
