package dev.tintype.pages;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.pages.BrowsePages;
import dev.tintype.format.pypi.ProjectName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a snapshot holds, gathered from the paths a mirror writes, for its browsable page: R source
 * packages by contrib location ({@code [<prefix>/]src/contrib/<name>_<version>.tar.gz}) and Python
 * projects (their pages under {@code simple/}) with the versions of their pool files. Not thread
 * safe; the sink calls it under its own lock.
 */
public final class Listing {
  private static final String CONTRIB = "src/contrib/";
  private static final String TARBALL = ".tar.gz";
  private static final List<String> SDIST = List.of(".tar.gz", ".zip", ".tar.bz2", ".tgz");

  private final SortedMap<String, SortedMap<String, Set<String>>> r = new TreeMap<>();
  private final ProjectTable projects = new ProjectTable();
  // One copy of each version string: most projects share "1.0.0" and its like.
  private final Map<String, String> versionNames = new HashMap<>();

  /** A file placed in the snapshot, by its path inside it. */
  public synchronized void file(String relative) {
    String[] source = rSource(relative);
    if (source != null) {
      r.computeIfAbsent(source[0], k -> new TreeMap<>())
          .computeIfAbsent(source[1], k -> new TreeSet<>(VERSIONS))
          .add(source[2]);
      return;
    }
    String project = Layout.projectOfPage(relative);
    if (project != null) {
      projects.page(project);
    }
  }

  /**
   * The contrib location ("" at the top), package and version of an R source package's path, {@code
   * [<location>/]src/contrib/<name>_<version>.tar.gz}, or null. Read by hand, not by a regex: every
   * file a CRAN sync places comes here.
   */
  static String[] rSource(String relative) {
    if (!relative.endsWith(TARBALL)) {
      return null;
    }
    int contrib = relative.lastIndexOf(CONTRIB);
    if (contrib < 0 || (contrib > 0 && relative.charAt(contrib - 1) != '/')) {
      return null;
    }
    int from = contrib + CONTRIB.length();
    int to = relative.length() - TARBALL.length();
    int underscore = relative.indexOf('_', from);
    if (underscore < 0 || underscore >= to - 1 || !isRName(relative, from, underscore)) {
      return null;
    }
    for (int i = underscore + 1; i < to; i++) {
      char c = relative.charAt(i);
      if (c == '_' || c == '/') {
        return null;
      }
    }
    return new String[] {
      contrib == 0 ? "" : relative.substring(0, contrib - 1),
      relative.substring(from, underscore),
      relative.substring(underscore + 1, to)
    };
  }

  // [A-Za-z][A-Za-z0-9.]* over [from, to).
  private static boolean isRName(String s, int from, int to) {
    if (from >= to || !isAsciiLetter(s.charAt(from))) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * A pool file the snapshot references, by its pool key. Its version is read at once, so that no
   * key is kept: a PyPI snapshot references millions.
   */
  public synchronized void pool(String key) {
    String[] nv = pythonNameVersion(fileName(key));
    if (nv != null) {
      String v = versionNames.computeIfAbsent(nv[1], k -> k);
      projects.version(nv[0], v);
    }
  }

  /** The groups of the page: one per R contrib location, or one of Python projects. */
  public synchronized List<BrowsePages.Group> groups() {
    List<BrowsePages.Group> out = new ArrayList<>();
    for (Map.Entry<String, SortedMap<String, Set<String>>> g : r.entrySet()) {
      out.add(new BrowsePages.Group(title(g.getKey()), entries(g.getValue())));
    }
    List<BrowsePages.Entry> python = projects.drain();
    if (!python.isEmpty()) {
      out.add(new BrowsePages.Group("Projects", python));
    }
    versionNames.clear();
    return out;
  }

  private static List<BrowsePages.Entry> entries(SortedMap<String, Set<String>> m) {
    List<BrowsePages.Entry> out = new ArrayList<>();
    m.forEach((name, versions) -> out.add(new BrowsePages.Entry(name, List.copyOf(versions))));
    return out;
  }

  private static String title(String where) {
    if (where.isEmpty()) {
      return "Packages";
    }
    // Bioconductor: packages/<release>/<area>.
    String[] p = where.split("/");
    if (p.length == 3 && p[0].equals("packages")) {
      return "Bioconductor " + p[1] + ", " + p[2];
    }
    return where;
  }

  /** The file name of a pool key, or "" when it is not one this page can read a version from. */
  private static String fileName(String key) {
    String name = Layout.poolFileName(key);
    return name == null ? "" : name;
  }

  /** Normalized project name and version of a wheel or sdist file name, or null. */
  static String[] pythonNameVersion(String file) {
    if (file.endsWith(".whl")) {
      String[] parts = file.split("-");
      return parts.length >= 5 ? new String[] {ProjectName.normalize(parts[0]), parts[1]} : null;
    }
    for (String ext : SDIST) {
      if (file.endsWith(ext)) {
        String stem = file.substring(0, file.length() - ext.length());
        int dash = stem.lastIndexOf('-');
        return dash <= 0
            ? null
            : new String[] {
              ProjectName.normalize(stem.substring(0, dash)), stem.substring(dash + 1)
            };
      }
    }
    return null;
  }

  /**
   * Numbers compare as numbers (leading zeros aside), so 1.10 follows 1.9; the rest as text. A
   * snapshot's page sorts every version of every package with it, so it compares in place, without
   * a regex or a substring per number.
   */
  static final Comparator<String> VERSIONS =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int ei = digitsEnd(a, i);
            int ej = digitsEnd(b, j);
            int c = compareNumbers(a, skipZeros(a, i, ei), ei, b, skipZeros(b, j, ej), ej);
            if (c != 0) {
              return c;
            }
            i = ei;
            j = ej;
          } else {
            if (x != y) {
              return Character.compare(x, y);
            }
            i++;
            j++;
          }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
      };

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Past the leading zeros of the digits in [from, to), keeping the last digit. */
  private static int skipZeros(String s, int from, int to) {
    int i = from;
    while (i < to - 1 && s.charAt(i) == '0') {
      i++;
    }
    return i;
  }

  /** Digit runs without leading zeros: the longer is larger, else the first differing digit. */
  private static int compareNumbers(String a, int ia, int ea, String b, int ib, int eb) {
    if (ea - ia != eb - ib) {
      return Integer.compare(ea - ia, eb - ib);
    }
    for (; ia < ea; ia++, ib++) {
      if (a.charAt(ia) != b.charAt(ib)) {
        return Character.compare(a.charAt(ia), b.charAt(ib));
      }
    }
    return 0;
  }
}
