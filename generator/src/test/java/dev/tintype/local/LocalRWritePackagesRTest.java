package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.Rscript;
import dev.tintype.format.layout.RepoName;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local-r snapshot's PACKAGES, PACKAGES.gz and PACKAGES.rds against what {@code
 * tools::write_PACKAGES} writes for the same directory, compared in R without the Path field.
 * Skipped without Rscript.
 */
@Tag("e2e")
class LocalRWritePackagesRTest {
  @TempDir Path tmp;

  @Test
  void theIndexesAreWhatWritePackagesWritesApartFromPath() throws Exception {
    ExternalTools.assumeRscript();
    Path dir = Files.createDirectories(tmp.resolve("internal"));
    CranPackage.of("alpha", "1.0.0")
        .field("Depends", "R (>= 3.5.0), methods")
        .field("Imports", "beta (>= 0.1), stats,\n    utils")
        .field("Suggests", "testthat (>= 3.0.0), knitr")
        .field("License", "GPL (>= 2)")
        .writeTo(dir);
    CranPackage.of("beta", "0.1-2")
        .field("LinkingTo", "Rcpp")
        .field("Enhances", "alpha")
        .field("License", "MIT+file LICENSE")
        .field("NeedsCompilation", null)
        .field("OS_type", "unix")
        .writeTo(dir);
    CranPackage.of("gamma", "2.0").latin1().field("Priority", "optional").writeTo(dir);
    CranPackage.of("multi", "1.9").writeTo(dir);
    CranPackage.of("multi", "1.10").field("License", "Artistic 2.0").writeTo(dir);
    CranPackage.of("odd", "0.1").field("License", "Proprietary").writeTo(dir);
    CranPackage.of("Upper.Case", "1.0").field("License", "Apache License (== 2.0)").writeTo(dir);

    Path root = tmp.resolve("root");
    RepoConfig repo =
        new RepoConfig(new RepoName("internal-r"), RepoType.LOCAL_R, dir.toUri(), List.of());
    try (Rig rig = new Rig(new FileStorage(root), Map.of(RepoType.LOCAL_R, new LocalRMirror()))) {
      rig.sync(repo, "2026-12-01");
    }
    Path ours = root.resolve("internal-r/2026-12-01/src/contrib");
    Path theirs = Files.createDirectories(tmp.resolve("theirs"));
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.copy(p, theirs.resolve(p.getFileName()));
      }
    }

    String code =
        "suppressMessages(tools::write_PACKAGES('"
            + theirs
            + "', type = 'source'))\n"
            + "byName <- function(m) m[order(rownames(m)), , drop = FALSE]\n"
            + "a <- byName(readRDS('"
            + theirs
            + "/PACKAGES.rds'))\n"
            + "b <- byName(readRDS('"
            + ours
            + "/PACKAGES.rds'))\n"
            + "stopifnot(all(startsWith(b[, 'Path'], '../../../../pool/')))\n"
            + "b <- b[, colnames(b) != 'Path', drop = FALSE]\n"
            + "if (!identical(a, b)) { print(a); print(b); stop('PACKAGES.rds differ') }\n"
            + "for (f in c('PACKAGES', 'PACKAGES.gz')) {\n"
            + "  x <- read.dcf(file.path('"
            + theirs
            + "', f)); x <- x[order(x[, 'Package']), , drop = FALSE]\n"
            + "  y <- read.dcf(file.path('"
            + ours
            + "', f)); y <- y[order(y[, 'Package']), colnames(y) != 'Path', drop = FALSE]\n"
            + "  if (!identical(x, y)) { print(x); print(y); stop(f, ' differ') }\n"
            + "}\n"
            + "cat(paste(rownames(b), b[, 'Version']), sep = '\\n')\n";
    String out = Rscript.eval(Duration.ofMinutes(2), code).requireSuccess().stdout();

    assertThat(out.lines())
        .containsExactlyInAnyOrder(
            "alpha 1.0.0", "beta 0.1-2", "gamma 2.0", "multi 1.10", "odd 0.1", "Upper.Case 1.0");
  }
}
