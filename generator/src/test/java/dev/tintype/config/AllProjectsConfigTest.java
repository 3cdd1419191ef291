package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.curate.PypiCuration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code projects: all}, and the PyPI filters with {@code projects:}. */
class AllProjectsConfigTest {
  private static final String PYPI = "{name: p, type: pypi, upstream: 'https://x', ";

  @TempDir Path dir;

  private RepoConfig repo(String repo) throws ConfigException {
    return ConfigLoader.parse(
            "storage: {filesystem: /s}\nrepos:\n  - " + repo + "\n", "tintype.yaml", dir)
        .repos()
        .get(0);
  }

  private void assertBad(String repo, String message) {
    assertThatThrownBy(() -> repo(repo))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void projectsAllIsEveryUpstreamProjectWithoutFilters() throws ConfigException {
    RepoConfig r = repo(PYPI + "projects: all}");
    assertThat(r.allProjects()).isTrue();
    assertThat(r.curation().pypi().filters()).isFalse();
    assertThat(repo(PYPI + "projects: [a, b]}").allProjects()).isFalse();
  }

  @Test
  void theFiltersGoWithProjectsAllOrNamesAndKeepPreReleasesUnlessTold() throws ConfigException {
    PypiCuration p =
        repo(PYPI
                + "projects: all, python: ['3.12'], platforms: [manylinux_2_28_x86_64],"
                + " latest: 3, max-file-size: 100M, block: ['evil<2'],"
                + " block-licenses: [AGPL-3.0-only]}")
            .curation()
            .pypi();
    assertThat(p.isActive()).as("no closure").isFalse();
    assertThat(p.filters()).isTrue();
    assertThat(p.prereleases()).isTrue();
    assertThat(p.platforms()).isEqualTo(List.of("manylinux_2_28_x86_64"));
    assertThat(p.maxFileSize()).isEqualTo(100L << 20);
    PypiCuration named = repo(PYPI + "projects: [a], prereleases: false}").curation().pypi();
    assertThat(named.prereleases()).isFalse();
    assertThat(named.filters()).isTrue();
  }

  @Test
  void badProjectsValuesAreConfigErrorsNamingTheKey() throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("r.txt"), "a\n");
    assertBad(PYPI + "projects: [all, numpy]}", "repos[0].projects: 'all' cannot be mixed");
    assertBad(PYPI + "projects: [all]}", "write projects: all (not a list)");
    assertBad(PYPI + "projects: everything}", "repos[0].projects 'everything' must be a list");
    assertBad(PYPI + "projects: all, requirements: [a]}", "projects and requirements exclude");
    assertBad(
        PYPI + "projects: all, requirements-file: r.txt}", "projects and requirements exclude");
    assertBad(
        "{name: c, type: cran, upstream: 'https://x', projects: all}",
        "repos[0].projects is only for type pypi");
    assertBad(PYPI + "}", "projects is required for type pypi (a list of names, or all");
    assertBad(PYPI + "projects: all, latest: 0}", "repos[0].latest must be a whole number");
  }
}
