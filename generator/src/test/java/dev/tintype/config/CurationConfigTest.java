package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.curate.Curation;
import dev.tintype.curate.RRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurationConfigTest {
  @TempDir Path dir;

  private Curation curation(String repo) throws ConfigException {
    return ConfigLoader.parse(
            "storage: {filesystem: /s}\nrepos:\n  - " + repo + "\n", "tintype.yaml", dir)
        .repos()
        .get(0)
        .curation();
  }

  private void assertBad(String repo, String message) {
    assertThatThrownBy(() -> curation(repo))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml: ")
        .hasMessageContaining(message);
  }

  private static final String CRAN = "{name: c, type: cran, upstream: 'https://x', ";

  @Test
  void packagesFileIsReadNextToTheConfigWithCommentsAndJoinsThePackagesList()
      throws IOException, ConfigException {
    Files.writeString(
        dir.resolve("approved.txt"), "# approved by CAB\ndplyr\n\n  ggplot2  # plots\n");
    Curation c =
        curation(
            CRAN
                + "packages: [data.table], packages-file: approved.txt, suggests: true,"
                + " block: [somepkg, 'otherpkg (< 1.2)']}");
    assertThat(c.packages()).containsExactly("data.table", "dplyr", "ggplot2");
    assertThat(c.suggests()).isTrue();
    assertThat(c.block())
        .extracting(RRequirement::toString)
        .containsExactly("somepkg", "otherpkg (< 1.2)");
  }

  @Test
  void aRepositoryWithoutCurationKeysMirrorsEverything() throws ConfigException {
    assertThat(curation(CRAN + "}")).isEqualTo(Curation.NONE);
    assertThat(Curation.NONE.isActive()).isFalse();
  }

  @Test
  void badCurationValuesAreConfigErrorsNamingTheKey() throws IOException {
    assertBad(CRAN + "packages: dplyr}", "repos[0].packages must be a list");
    assertBad(CRAN + "packages: ['not a name']}", "repos[0].packages: 'not a name' is not an R");
    assertBad(CRAN + "suggests: maybe}", "repos[0].suggests must be true or false");
    assertBad(CRAN + "block: ['x < 1.2']}", "repos[0].block[0]: 'x < 1.2' is not an R package");
    assertBad(CRAN + "packages-file: nowhere.txt}", "repos[0].packages-file: cannot read");
    Files.writeString(dir.resolve("bad.txt"), "ok\nno way\n");
    assertBad(CRAN + "packages-file: bad.txt}", "bad.txt:2: 'no way' is not an R package name");
    Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");
    assertBad(CRAN + "packages-file: empty.txt}", "names no package");
    assertBad(
        "{name: p, type: pypi, upstream: 'https://x', projects: [a], suggests: true}",
        "repos[0].suggests is only for types cran and bioconductor");
  }
}
