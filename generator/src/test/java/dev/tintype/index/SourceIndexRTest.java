package dev.tintype.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.Rscript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes one directory of tarballs with tintype and with {@code tools::write_PACKAGES}, and checks
 * in R that the records are identical. Skipped without Rscript.
 */
@Tag("e2e")
class SourceIndexRTest {
  @TempDir Path dir;

  @BeforeEach
  void needsR() {
    ExternalTools.assumeRscript();
  }

  @Test
  void theRecordsAreIdenticalToWritePackagesOnOneDirectory() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("tarballs"));
    Tarball.of("alpha", "1.0.0")
        .field("Depends", "R (>= 3.5.0), methods")
        .field(
            "Imports",
            "beta (>= 0.1), stats, utils, graphics, grDevices, datasets, tools,\n"
                + "    parallel, splines")
        .field("Suggests", "testthat (>= 3.0.0), knitr, rmarkdown")
        .field("License", "GPL (>= 2)")
        .writeTo(repo);
    Tarball.of("beta", "0.1-2")
        .field("LinkingTo", "Rcpp, RcppArmadillo")
        .field("Enhances", "alpha")
        .field("License", "MIT+file LICENSE")
        .field("NeedsCompilation", null)
        .field("OS_type", "unix")
        .field("MD5sum", "00000000000000000000000000000000")
        .withSrc()
        .writeTo(repo);
    Tarball.of("gamma", "2.0")
        .latin1()
        .field("Author", "S\u00f8ren H\u00f8jsgaard")
        .field("Priority", "optional")
        .field("License", "GPL(>=2)")
        .field("NeedsCompilation", null)
        .writeTo(repo);
    Tarball.of("multi", "1.9").writeTo(repo);
    Tarball.of("multi", "1.10").field("License", "Artistic 2.0").writeTo(repo);
    Tarball.of("odd", "0.1").field("License", "Proprietary").field("Suggests", "").writeTo(repo);
    Tarball.of("compiled", "3.1").field("NeedsCompilation", null).withSrc().writeTo(repo);
    Tarball.of("late", "1.0").descriptionLast().paddingKiB(64).writeTo(repo);
    Tarball.of("Upper.Case", "1.0").field("License", "Apache License (== 2.0)").writeTo(repo);
    Tarball.of("bz", "1.0").bzip2().writeTo(repo);
    Files.writeString(repo.resolve("broken_1.0.tar.gz"), "not a tarball");

    Path ours = copy(repo, dir.resolve("ours"));
    Path theirs = copy(repo, dir.resolve("theirs"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      new SourceIndex(pool).write(ours);
    } finally {
      pool.shutdownNow();
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
            + "if (!identical(a, b)) { print(a); print(b); stop('PACKAGES.rds differ') }\n"
            + "for (f in c('PACKAGES', 'PACKAGES.gz')) {\n"
            + "  x <- read.dcf(file.path('"
            + theirs
            + "', f)); x <- x[order(x[, 'Package']), , drop = FALSE]\n"
            + "  y <- read.dcf(file.path('"
            + ours
            + "', f)); y <- y[order(y[, 'Package']), , drop = FALSE]\n"
            + "  if (!identical(x, y)) { print(x); print(y); stop(f, ' differ') }\n"
            + "}\n"
            + "cat(sort(rownames(b)), sep = '\\n')\n";
    String out = Rscript.eval(Duration.ofMinutes(2), code).requireSuccess().stdout();

    assertThat(out.lines())
        .containsExactlyInAnyOrder(
            "alpha", "beta", "bz", "compiled", "gamma", "late", "multi", "odd", "Upper.Case");
  }

  private static Path copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }
}
