package dev.tintype.format.dcf;

import static dev.tintype.format.dcf.TestSupport.fixture;
import static dev.tintype.format.dcf.TestSupport.readDcf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real DESCRIPTION and PACKAGES files in ../shared/fixtures; skipped without them. */
class DcfFixtureConformanceTest {
  private static final List<String> DCF_FIXTURES = dcfFixtures();

  @TempDir Path dir;

  private static List<String> dcfFixtures() {
    List<String> files = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      files.add("cran/desc/D" + i);
    }
    files.addAll(
        List.of(
            "cran/pkgcache/packages/P1",
            "cran/pkgcache/packages/P2",
            "cran/pkgcache/packages/PACKAGES",
            "cran/pkgcache/packages/PACKAGES2",
            "cran/pkgcache/PACKAGES-rhub",
            "cran/pkgcache/description/cli/DESCRIPTION",
            "cran/pkgcache/description/pkgcache/DESCRIPTION",
            "cran/pkgcache/description/pkgcachel1/DESCRIPTION"));
    return files;
  }

  private static DcfRecord one(String relative) {
    List<DcfRecord> records = readDcf(fixture(relative));
    assertThat(records).as(relative).hasSize(1);
    return records.get(0);
  }

  private static List<DcfRecord> gz(String relative) throws IOException {
    Path file = fixture(relative);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return Dcf.read(in, file.toString());
    }
  }

  @Test
  void readsUtf8DescriptionsWithValuesOnContinuationLines() {
    DcfRecord d1 = one("cran/desc/D1");
    assertThat(d1.require("Author")).isEqualTo("G\u00e1bor Cs\u00e1rdi");
    assertThat(d1.require("Imports")).isEqualTo("R6");
    assertThat(d1.require("Description"))
        .isEqualTo(
            "Tools to read, write, create, and manipulate DESCRIPTION\n"
                + "    files. It is intented for packages that create or manipulate other\n"
                + "    packages.");
    assertThat(one("cran/desc/D3").require("Depends")).isEqualTo("R (>= 3.0.2)");
    assertThat(one("cran/desc/D4").require("Depends")).isEmpty();
    assertThat(one("cran/desc/D17").require("Author"))
        .isEqualTo(
            "\n    The Institute of Statistical Mathematics,\n    another person <person@here.co>");
    assertThat(one("cran/desc/D16").require("Built"))
        .isEqualTo("R 3.4.1; x86_64-apple-darwin15.6.0;\n  2017-09-14 20:30:19 UTC; unix");
    assertThat(one("cran/desc/D14").require("Collate"))
        .startsWith("'adjacency.R' 'auto.R'")
        .contains("\n'basic.R'");
  }

  @Test
  void aRepeatedFieldKeepsItsLastValueAsInR() {
    DcfRecord d5 = one("cran/desc/D5");
    assertThat(d5.require("Remotes")).isEqualTo("gaborcsardi/httrmock");
    assertThat(d5.tags()).containsSubsequence("Imports", "Remotes", "Encoding");
  }

  @Test
  void decodesALatin1DescriptionWithEscapedBlankLines() {
    DcfRecord d7 = one("cran/desc/D7");
    assertThat(d7.require("Encoding")).isEqualTo("latin1");
    assertThat(d7.require("Maintainer"))
        .isEqualTo("S\u00f8ren H\u00f8jsgaard <sorenh@math.aau.dk>");
    assertThat(d7.require("Description"))
        .startsWith("The facilities can roughly be grouped as: \n\n   1) Facilities");
    assertThat(d7.require("Suggests"))
        .isEqualTo(
            "pbkrtest (>= 0.4-6), ggplot2, multcomp, geepack, lme4\n(>= 1.0.0), survival (>=\n1.0.1)");
  }

  @Test
  void aLatin1DescriptionReadsLikeItsUtf8Twin() {
    DcfRecord latin1 = one("cran/pkgcache/description/pkgcachel1/DESCRIPTION");
    DcfRecord utf8 = one("cran/pkgcache/description/pkgcache/DESCRIPTION");
    assertThat(latin1.require("Encoding")).isEqualTo("latin1");
    assertThat(latin1.require("Authors@R")).contains("G\u00e1bor").contains("Cs\u00e1rdi");
    assertThat(latin1.with("Encoding", "UTF-8")).isEqualTo(utf8);
  }

  @Test
  void aBlankLineInsideADescriptionSplitsIt() {
    List<DcfRecord> d12 = readDcf(fixture("cran/desc/D12"));
    assertThat(d12).hasSize(2);
    assertThat(d12.get(1).tags()).first().isEqualTo("URL");
  }

  @Test
  void crlfAndExtraBlankLinesReadLikeTheirLfTwins() {
    List<DcfRecord> p1 = readDcf(fixture("cran/pkgcache/packages/P1"));
    assertThat(p1).hasSize(2);
    assertThat(readDcf(fixture("cran/pkgcache/packages/P2"))).isEqualTo(p1);
    List<DcfRecord> packages = readDcf(fixture("cran/pkgcache/packages/PACKAGES"));
    assertThat(packages).hasSize(6);
    assertThat(readDcf(fixture("cran/pkgcache/packages/PACKAGES2"))).isEqualTo(packages);
    assertThat(packages.get(1).require("Imports"))
        .isEqualTo(
            "DT(>= 0.4), networkD3(>= 0.4), shiny(>= 1.0.5),\nshinydashboard(>= 0.7.0), magrittr(>= 1.5),"
                + " Bios2cor(>= 2.0),\nseqinr(>= 3.4-5), plotly(>= 4.7.1), Hmisc(>= 4.1-1)");
  }

  @Test
  void readsRealCompressedIndexes() throws IOException {
    assertThat(gz("cran/pkgcache/PACKAGES-src.gz")).hasSize(45);
    assertThat(gz("cran/pkgcache/PACKAGES-mac.gz")).hasSize(69);
    assertThat(gz("cran/pkgcache/PACKAGES-win.gz")).hasSize(34);
    assertThat(gz("cran/pkgcache/PACKAGES-win2.gz")).hasSize(4);
    assertThat(gz("cran/pkgcache/PACKAGES-ppm1.gz")).hasSize(4);
    assertThat(gz("cran/pkgcache/PACKAGES-ppm2.gz")).hasSize(4);
    assertThat(gz("cran/pkgcache/PACKAGES-src.gz").stream().filter(r -> r.get("Path").isPresent()))
        .hasSize(9)
        .allSatisfy(r -> assertThat(r.require("Path")).isEqualTo("3.5.0/Recommended"));
  }

  @Test
  void aFileThatIsNotDcfIsAClearError() {
    Path file = fixture("cran/pkgcache/lib3/foo/DESCRIPTION");
    assertThatThrownBy(() -> readDcf(file))
        .hasRootCauseInstanceOf(DcfException.class)
        .rootCause()
        .hasMessageContaining(file.toString() + " line 1")
        .hasMessageContaining("'Tag: value'")
        .hasMessageContaining("\"This a good DESCRIPTION file\"");
  }

  @Test
  @Tag("e2e")
  void everyFixtureReadsAsRReadsIt() throws Exception {
    TestSupport.assumeRscript();
    Map<String, List<String>> ours = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (String relative : DCF_FIXTURES) {
      names.add(copy(relative));
      ours.put(names.get(names.size() - 1), DcfRConformanceTest.dump(readDcf(fixture(relative))));
    }
    for (String name : List.of("src", "mac", "win", "win2", "ppm1", "ppm2")) {
      String relative = "cran/pkgcache/PACKAGES-" + name + ".gz";
      names.add(copy(relative));
      ours.put(names.get(names.size() - 1), DcfRConformanceTest.dump(gz(relative)));
    }
    assertThat(new DcfRConformanceTest.RReader(dir).readAll(names)).isEqualTo(ours);
  }

  /** Copies a fixture into the temp dir under a plain name R can read (gzip stays gzip). */
  private String copy(String relative) throws IOException {
    String name = relative.replace('/', '_');
    Files.copy(fixture(relative), dir.resolve(name));
    return name;
  }
}
