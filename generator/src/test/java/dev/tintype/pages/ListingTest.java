package dev.tintype.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.pages.BrowsePages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListingTest {
  private static final String POOL = "pool/ab/ab/" + "ab".repeat(32) + "/";

  @Test
  void rPackagesAreGroupedByContribLocationWithVersionsInNumericOrder() {
    Listing l = new Listing();
    l.file("src/contrib/pkgA_1.10.0.tar.gz");
    l.file("src/contrib/pkgA_1.9.0.tar.gz");
    l.file("src/contrib/Archive/pkgA/pkgA_0.1.tar.gz");
    l.file("src/contrib/PACKAGES");
    l.file("packages/3.20/bioc/src/contrib/limma_3.62.1.tar.gz");
    assertThat(l.groups())
        .containsExactly(
            new BrowsePages.Group(
                "Packages", List.of(new BrowsePages.Entry("pkgA", List.of("1.9.0", "1.10.0")))),
            new BrowsePages.Group(
                "Bioconductor 3.20, bioc",
                List.of(new BrowsePages.Entry("limma", List.of("3.62.1")))));
  }

  @Test
  void rSourcePathsAreReadAsTheRegexTheyReplacedReadThem() {
    java.util.regex.Pattern regex =
        java.util.regex.Pattern.compile(
            "(?:(.*)/)?src/contrib/([A-Za-z][A-Za-z0-9.]*)_([^_/]+)\\.tar\\.gz");
    List<String> paths =
        new ArrayList<>(
            List.of(
                "src/contrib/pkgA_1.0.tar.gz",
                "/src/contrib/pkgA_1.0.tar.gz",
                "packages/3.20/bioc/src/contrib/limma_3.62.1.tar.gz",
                "src/contrib/Archive/pkgA/pkgA_0.1.tar.gz",
                "xsrc/contrib/pkgA_1.0.tar.gz",
                "a/src/contrib/b/src/contrib/pkgA_1.0.tar.gz",
                "src/contrib/pkg_A_1.0.tar.gz",
                "src/contrib/pkgA_.tar.gz",
                "src/contrib/_1.0.tar.gz",
                "src/contrib/9pkg_1.0.tar.gz",
                "src/contrib/R.utils_2.12-3.tar.gz",
                "src/contrib/pkgA_1.0.tgz",
                "src/contrib/PACKAGES.gz"));
    Random r = new Random(5);
    String alphabet = "ab9._/-";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = r.nextInt(4); i > 0; i--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      b.append(r.nextBoolean() ? "src/contrib/" : "/src/contrib/");
      for (int i = r.nextInt(8); i > 0; i--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      b.append(".tar.gz");
      paths.add(b.toString());
    }
    for (String p : paths) {
      java.util.regex.Matcher m = regex.matcher(p);
      String[] expected =
          m.matches()
              ? new String[] {m.group(1) == null ? "" : m.group(1), m.group(2), m.group(3)}
              : null;
      assertThat(Listing.rSource(p)).as(p).isEqualTo(expected);
    }
  }

  @Test
  void pythonProjectsTakeTheVersionsOfTheirPoolFiles() {
    Listing l = new Listing();
    l.file("simple/demo-pkg/index.html");
    l.file("simple/index.html");
    l.pool(POOL + "demo_pkg-2.0-py3-none-any.whl");
    l.pool(POOL + "Demo.Pkg-1.0.tar.gz");
    l.pool(POOL + "unrelated-9.9.tar.gz");
    l.pool("not/a/pool/key-3.0.tar.gz");
    assertThat(l.groups())
        .containsExactly(
            new BrowsePages.Group(
                "Projects", List.of(new BrowsePages.Entry("demo-pkg", List.of("1.0", "2.0")))));
  }

  @Test
  void versionsCompareNumbersByValueIgnoringLeadingZerosAndTheRestAsText() {
    List<String> sorted = new ArrayList<>(List.of("1.10", "1.9", "1.09", "1.010", "1.0-1", "1.a"));
    sorted.sort(Listing.VERSIONS);
    assertThat(sorted).containsExactly("1.0-1", "1.09", "1.9", "1.010", "1.10", "1.a");
    assertThat(Listing.VERSIONS.compare("2.000", "2.0")).isPositive();
    assertThat(Listing.VERSIONS.compare("007", "7")).isNegative();
  }

  @Test
  void versionsOrderAsTheRegexComparatorTheyReplaced() {
    Random r = new Random(17);
    String alphabet = "0012789.-a_";
    for (int n = 0; n < 20_000; n++) {
      String a = random(r, alphabet);
      String b = random(r, alphabet);
      assertThat(Integer.signum(Listing.VERSIONS.compare(a, b)))
          .as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(REGEX_VERSIONS.compare(a, b)));
    }
  }

  private static String random(Random r, String alphabet) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i >= 0; i--) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** The comparator as it was, with a regex per number, as the oracle for the faster one. */
  private static final Comparator<String> REGEX_VERSIONS =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
              i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
              j++;
            }
            String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
            String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
            int c =
                na.length() != nb.length()
                    ? Integer.compare(na.length(), nb.length())
                    : na.compareTo(nb);
            if (c != 0) {
              return c;
            }
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

  @Test
  void thousandsOfProjectsEachKeepTheirOwnVersionsOnceAndOnlyThoseWithPagesAreShown() {
    Listing l = new Listing();
    int n = 5_000;
    for (int i = n - 1; i >= 0; i--) {
      if (i % 10 != 0) {
        l.file("simple/p-" + i + "/index.html");
      }
      l.pool(POOL + "p_" + i + "-1.0-py3-none-any.whl");
      l.pool(POOL + "p_" + i + "-1.0.tar.gz");
      for (int v = 0; v < i % 7; v++) {
        l.pool(POOL + "p_" + i + "-2." + v + ".tar.gz");
      }
    }
    List<BrowsePages.Entry> shown = l.groups().get(0).entries();

    assertThat(shown).hasSize(n - n / 10);
    assertThat(shown).isSortedAccordingTo(Comparator.comparing(BrowsePages.Entry::name));
    for (BrowsePages.Entry e : shown) {
      int i = Integer.parseInt(e.name().substring(2));
      List<String> expected = new ArrayList<>(List.of("1.0"));
      for (int v = 0; v < i % 7; v++) {
        expected.add("2." + v);
      }
      assertThat(e.versions()).as(e.name()).isEqualTo(expected);
    }
    assertThat(l.groups()).as("the table is drained").isEmpty();
  }
}
