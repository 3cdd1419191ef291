package dev.tintype.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.pages.BrowsePages;
import java.util.List;
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
  void pythonProjectsTakeTheVersionsOfTheirPoolFiles() {
    Listing l = new Listing();
    l.file("simple/demo-pkg/index.html");
    l.file("simple/index.html");
    l.pool(POOL + "demo_pkg-2.0-py3-none-any.whl");
    l.pool(POOL + "Demo.Pkg-1.0.tar.gz");
    l.pool(POOL + "unrelated-9.9.tar.gz");
    assertThat(l.groups())
        .containsExactly(
            new BrowsePages.Group(
                "Projects", List.of(new BrowsePages.Entry("demo-pkg", List.of("1.0", "2.0")))));
  }
}
