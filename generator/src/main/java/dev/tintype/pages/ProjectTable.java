package dev.tintype.pages;

import dev.tintype.format.pages.BrowsePages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Python projects of a {@link Listing}: by normalized name, whether the snapshot has their
 * pages and the versions of their pool files. An open-addressing table of arrays: a PyPI snapshot
 * has a hundred thousand projects, and a map of objects for them cost about 150 bytes each, twice
 * this. Not thread safe.
 */
final class ProjectTable {
  private String[] names = new String[1024];
  // Per slot: null, one version (a String), or several (a String[] filled from the start).
  private Object[] versions = new Object[1024];
  private boolean[] pages = new boolean[1024];
  private int size;

  /** Notes that the snapshot has {@code project}'s pages. */
  void page(String project) {
    // Not pages[slotAdding(..)]: the array is read before the slot, and adding may replace it.
    int i = slotAdding(project);
    pages[i] = true;
  }

  /** Notes a version of one of {@code project}'s pool files. */
  void version(String project, String version) {
    int i = slotAdding(project);
    Object o = versions[i];
    if (o == null) {
      versions[i] = version;
    } else if (o instanceof String one) {
      // A wheel and an sdist of one release: the version once.
      if (!one.equals(version)) {
        versions[i] = new String[] {one, version, null, null};
      }
    } else {
      String[] a = (String[]) o;
      int n = count(a);
      if (a[n - 1].equals(version)) {
        return;
      }
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
        versions[i] = a;
      }
      a[n] = version;
    }
  }

  /**
   * The projects whose pages the snapshot has, by name, with their versions in order; empties the
   * table as it goes, since the entries take its place.
   */
  List<BrowsePages.Entry> drain() {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null && pages[i]) {
        shown.add(names[i]);
      }
    }
    shown.sort(null);
    List<BrowsePages.Entry> out = new ArrayList<>(shown.size());
    for (String name : shown) {
      int i = slot(name);
      out.add(new BrowsePages.Entry(name, sorted(versions[i])));
      versions[i] = null;
    }
    names = new String[1];
    versions = new Object[1];
    pages = new boolean[1];
    size = 0;
    return out;
  }

  private static List<String> sorted(Object o) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof String one) {
      return List.of(one);
    }
    String[] a = (String[]) o;
    Set<String> s = new TreeSet<>(Listing.VERSIONS);
    s.addAll(Arrays.asList(a).subList(0, count(a)));
    return List.copyOf(s);
  }

  private static int count(String[] a) {
    int n = 0;
    while (n < a.length && a[n] != null) {
      n++;
    }
    return n;
  }

  private int slotAdding(String name) {
    int i = slot(name);
    if (names[i] == null) {
      names[i] = name;
      size++;
      if (size * 4 > names.length * 3) {
        grow();
        i = slot(name);
      }
    }
    return i;
  }

  // The slot holding name, or the free slot where it would go.
  private int slot(String name) {
    int mask = names.length - 1;
    int h = name.hashCode();
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      if (names[i] == null || names[i].equals(name)) {
        return i;
      }
    }
  }

  private void grow() {
    String[] oldNames = names;
    Object[] oldVersions = versions;
    boolean[] oldPages = pages;
    names = new String[oldNames.length * 2];
    versions = new Object[names.length];
    pages = new boolean[names.length];
    for (int j = 0; j < oldNames.length; j++) {
      if (oldNames[j] != null) {
        int i = slot(oldNames[j]);
        names[i] = oldNames[j];
        versions[i] = oldVersions[j];
        pages[i] = oldPages[j];
      }
    }
  }
}
