package dev.tintype.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LicensesTest {
  @Test
  void canonicalLicensesAreKeptAsTheyAre() {
    assertThat(Licenses.standardize("GPL-2")).contains("GPL-2");
    assertThat(Licenses.standardize("MIT + file LICENSE")).contains("MIT + file LICENSE");
    assertThat(Licenses.standardize("GPL-2 | GPL-3")).contains("GPL-2 | GPL-3");
    assertThat(Licenses.standardize("Unlimited")).contains("Unlimited");
  }

  @Test
  void versionSpecsAndPlusSignsAreRespaced() {
    assertThat(Licenses.standardize("GPL(>=2)")).contains("GPL (>= 2)");
    assertThat(Licenses.standardize("  LGPL (>= 2.1 )|MIT+file LICENCE "))
        .contains("LGPL (>= 2.1) | MIT + file LICENCE");
  }

  @Test
  void knownNonCanonicalSpecsAreMappedToTheirStandardForm() {
    assertThat(Licenses.standardize("Artistic 2.0")).contains("Artistic-2.0");
  }

  @Test
  void whatRCannotStandardizeIsLeftOut() {
    assertThat(Licenses.standardize("Proprietary")).isEmpty();
    assertThat(Licenses.standardize("GPL-2 | Artistic 2.0")).isEmpty();
    assertThat(Licenses.standardize("  ")).isEmpty();
  }
}
