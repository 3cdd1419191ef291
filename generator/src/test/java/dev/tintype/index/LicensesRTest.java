package dev.tintype.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.Rscript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the license table and our port of analyze_license against the installed R. */
@Tag("e2e")
class LicensesRTest {
  // CRAN's most common License values, and some that R rewrites or refuses.
  private static final List<String> SPECS =
      List.of(
          "GPL-2",
          "GPL-3",
          "GPL (>= 2)",
          "GPL(>=2)",
          "GPL (>=3)",
          "GPL-2 | GPL-3",
          "GPL (>= 2.0)",
          "GPL (>= 2) | file LICENSE",
          "MIT + file LICENSE",
          "MIT+file LICENCE",
          "BSD_3_clause + file LICENSE",
          "BSD_2_clause + file LICENSE",
          "LGPL-2.1",
          "LGPL (>= 2.1)",
          "LGPL-3 | Apache License 2.0",
          "Apache License (== 2.0)",
          "Apache License 2.0",
          "Apache License (>= 2)",
          "AGPL-3",
          "Artistic-2.0",
          "Artistic 2.0",
          "CC0",
          "CC BY 4.0",
          "CC BY-NC-SA 4.0",
          "Unlimited",
          "file LICENSE",
          "GPL-3 + file LICENSE",
          "GNU General Public License version 2",
          "GNU General Public License",
          "MPL-2.0",
          "EUPL",
          "Mozilla Public License 2.0",
          "Proprietary",
          "Free for academic use",
          "GPL-2 | Artistic 2.0",
          "GPL (>= 2, < 4)",
          "GPL ( >= 2 , < 4 )",
          "LGPL version 2.1 or later",
          " GPL-2 ",
          "GPL-2 |",
          "| GPL-2");

  @TempDir Path dir;

  @BeforeEach
  void needsR() {
    ExternalTools.assumeRscript();
  }

  @Test
  void ourStandardizationIsAnalyzeLicensesForCommonAndOddSpecs() throws IOException {
    Path in = dir.resolve("specs.txt");
    Files.write(in, SPECS, StandardCharsets.UTF_8);
    String code =
        "x <- readLines('"
            + in
            + "', encoding = 'UTF-8')\n"
            + "s <- vapply(x, function(l) tools:::analyze_license(l)$standardization, '')\n"
            + "cat(ifelse(is.na(s), '<NA>', s), sep = '\\n')\n";
    List<String> theirs =
        Rscript.eval(Duration.ofMinutes(1), code).requireSuccess().stdout().lines().toList();
    List<String> ours = new ArrayList<>();
    for (String s : SPECS) {
      ours.add(Licenses.standardize(s).orElse("<NA>"));
    }
    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  void theBundledTableIsTheInstalledRs() throws IOException {
    String version =
        Rscript.eval(Duration.ofMinutes(1), "cat(R.version$major, R.version$minor, sep = '.')")
            .requireSuccess()
            .stdout();
    assumeTrue(version.startsWith("4.2."), "the table is R 4.2's; this R is " + version);
    Path out = dir.resolve("r.txt");
    String code =
        "v <- tools:::R_license_db_vars(); d <- tools:::.standardizable_license_specs_db\n"
            + "writeLines(c(v$re_component, paste(d$ispecs, d$ospecs, sep = '\\t')), '"
            + out
            + "')\n";
    Rscript.eval(Duration.ofMinutes(1), code).requireSuccess();
    List<String> bundled;
    try (InputStream in = Licenses.class.getResourceAsStream("licenses.txt")) {
      bundled =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("#"))
              .toList();
    }
    assertThat(bundled).isEqualTo(Files.readAllLines(out, StandardCharsets.UTF_8));
  }
}
