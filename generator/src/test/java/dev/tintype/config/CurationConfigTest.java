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
    assertBad(
        "{name: l, type: local-r, path: x, block: [a]}",
        "repos[0].block is only for types cran, bioconductor and pypi");
  }

  private static final String PYPI = "{name: p, type: pypi, upstream: 'https://x', ";

  @Test
  void thePypiKeysOfTheDocsParse() throws IOException, ConfigException {
    Files.writeString(dir.resolve("approved.txt"), "# approved\nnumpy  # arrays\n\n");
    Curation c =
        curation(
            PYPI
                + "requirements: ['requests[socks]>=2.31'], requirements-file: approved.txt,"
                + " python: ['3.10', '3.12'], platforms: [manylinux_2_28_x86_64, win_amd64],"
                + " prereleases: true, latest: 5, max-file-size: 500M,"
                + " block: [evil-pkg, 'urllib3<1.26.18'], block-licenses: [AGPL-3.0-only]}");
    dev.tintype.curate.PypiCuration p = c.pypi();
    assertThat(p.requirements())
        .extracting(Object::toString)
        .containsExactly("requests[socks]>=2.31", "numpy");
    assertThat(p.pythons()).containsExactly("3.10", "3.12");
    assertThat(p.platforms()).containsExactly("manylinux_2_28_x86_64", "win_amd64");
    assertThat(p.prereleases()).isTrue();
    assertThat(p.latest()).isEqualTo(5);
    assertThat(p.maxFileSize()).isEqualTo(500L << 20);
    assertThat(p.block())
        .extracting(Object::toString)
        .containsExactly("evil-pkg", "urllib3<1.26.18");
    assertThat(p.blockLicenses()).containsExactly("AGPL-3.0-only");
    assertThat(curation(PYPI + "projects: [a]}").pypi().isActive()).isFalse();
  }

  @Test
  void badPypiCurationValuesAreConfigErrorsNamingTheKey() {
    assertBad(PYPI + "requirements: ['requests >= ']}", "repos[0].requirements[0]:");
    assertBad(PYPI + "requirements: [a], projects: [b]}", "projects and requirements exclude");
    assertBad(PYPI + "requirements: [a], python: ['2']}", "repos[0].python[0] '2' is not a Python");
    assertBad(PYPI + "requirements: [a], latest: 0}", "repos[0].latest must be a whole number");
    assertBad(PYPI + "requirements: [a], max-file-size: huge}", "repos[0].max-file-size 'huge'");
    assertBad(PYPI + "requirements: [a], block: ['x; os_name == \"nt\"']}", "repos[0].block[0]");
    assertBad(
        PYPI + "requirements: [a], packages: [b]}", "repos[0].packages is only for types cran");
    assertBad(PYPI + "requirements: [], latest: 3}", "repos[0].latest needs requirements");
    assertBad(CRAN + "latest: 3}", "repos[0].latest is only for type pypi");
    assertBad(PYPI + "requirements: [a], platforms: ['Bad Tag']}", "repos[0].platforms[0]");
  }
}
