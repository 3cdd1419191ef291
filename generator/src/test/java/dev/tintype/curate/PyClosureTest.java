package dev.tintype.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PyClosureTest {
  /** An upstream in memory: projects, their files, and each version's Requires-Dist. */
  private static final class Fake implements PyClosure.Source {
    final Map<String, List<DistFile>> files = new HashMap<>();
    final Map<String, List<String>> requires = new HashMap<>();
    final Map<String, String> licenses = new HashMap<>();

    Fake tagged(
        String project, String version, String tags, String requiresPython, String... deps) {
      String file = project.replace('-', '_') + "-" + version + "-" + tags + ".whl";
      files
          .computeIfAbsent(project, p -> new ArrayList<>())
          .add(
              new DistFile(
                  file,
                  "https://files.example/" + file,
                  new TreeMap<>(Map.of("sha256", "a".repeat(64))),
                  requiresPython,
                  null,
                  new TreeMap<>(),
                  1000L,
                  null));
      requires.put(project + " " + version, List.of(deps));
      return this;
    }

    Fake wheel(String project, String version, String... deps) {
      return tagged(project, version, "py3-none-any", null, deps);
    }

    @Override
    public Optional<ProjectPage> page(String normalized) {
      List<DistFile> f = files.get(normalized);
      return f == null
          ? Optional.empty()
          : Optional.of(new ProjectPage(new ProjectName(normalized), f, 1));
    }

    @Override
    public PyClosure.Metadata metadata(ProjectPage page, DistFile file) throws IOException {
      String version = file.filename().split("-")[1];
      String key = page.name().normalized() + " " + version;
      return new PyClosure.Metadata(
          requires.getOrDefault(key, List.of()), licenses.get(key), null, List.of());
    }
  }

  private static PypiCuration curation(String... requirements) {
    return new PypiCuration(
        List.of(requirements).stream().map(Requirement::parse).toList(),
        List.of(),
        List.of(),
        false,
        0,
        0,
        List.of(),
        List.of());
  }

  private static List<String> files(PyClosure.Result r, String project) {
    return r.kept().get(project).files().stream().map(DistFile::filename).toList();
  }

  @Test
  void aDiamondWithVersionConstraintsKeepsTheVersionsEveryRequirementAllows() throws IOException {
    Fake up =
        new Fake()
            .wheel("app", "1.0", "left", "right")
            .wheel("left", "1.0", "base>=2")
            .wheel("right", "1.0", "base<3")
            .wheel("base", "1.0")
            .wheel("base", "2.0")
            .wheel("base", "3.0")
            .wheel("unrelated", "1.0");
    PyClosure.Result r = PyClosure.close(curation("app"), up);
    assertThat(r.kept()).containsOnlyKeys("app", "left", "right", "base");
    assertThat(files(r, "base"))
        .containsExactly(
            "base-1.0-py3-none-any.whl", "base-2.0-py3-none-any.whl", "base-3.0-py3-none-any.whl");
    assertThat(r.missing()).isEmpty();
  }

  @Test
  void theRequirementsSpecifierChoosesVersionsAndTheRestAreDroppedWithAReason() throws IOException {
    Fake up = new Fake().wheel("lib", "1.0").wheel("lib", "2.0").wheel("lib", "2.1rc1");
    PyClosure.Result r = PyClosure.close(curation("lib>=2"), up);
    assertThat(files(r, "lib")).containsExactly("lib-2.0-py3-none-any.whl");
    assertThat(r.dropped().get("lib"))
        .containsEntry("lib-1.0-py3-none-any.whl", "no requirement allows this version")
        .containsEntry("lib-2.1rc1-py3-none-any.whl", "prerelease");
  }

  @Test
  void aCycleEnds() throws IOException {
    Fake up = new Fake().wheel("a", "1", "b").wheel("b", "1", "a");
    assertThat(PyClosure.close(curation("a"), up).kept()).containsOnlyKeys("a", "b");
  }

  @Test
  void aMissingDependencyNamesWhoNeedsIt() throws IOException {
    Fake up = new Fake().wheel("a", "1", "ghost>=1");
    assertThat(PyClosure.close(curation("a", "nowhere"), up).missing())
        .containsEntry("ghost", new java.util.TreeSet<>(List.of("a")))
        .containsEntry("nowhere", new java.util.TreeSet<>(List.of(PyClosure.REQUIRED)));
  }

  @Test
  void markersAreEvaluatedForTheConfiguredPythonsAndPlatforms() throws IOException {
    Fake up =
        new Fake()
            .wheel(
                "app",
                "1.0",
                "winonly; sys_platform == 'win32'",
                "oldpy; python_version < '3.10'",
                "newpy; python_version >= '3.12' and platform_system == 'Linux'")
            .wheel("winonly", "1")
            .wheel("oldpy", "1")
            .wheel("newpy", "1");
    PypiCuration c =
        new PypiCuration(
            List.of(Requirement.parse("app")),
            List.of("3.11", "3.12"),
            List.of("manylinux_2_28_x86_64"),
            false,
            0,
            0,
            List.of(),
            List.of());
    assertThat(PyClosure.close(c, up).kept()).containsOnlyKeys("app", "newpy");
  }

  @Test
  void extrasAreFollowedOnlyWhenNamed() throws IOException {
    Fake up =
        new Fake()
            .wheel("app", "1.0", "core", "socks-lib; extra == 'socks'", "docs-lib; extra == 'docs'")
            .wheel("core", "1")
            .wheel("socks-lib", "1")
            .wheel("docs-lib", "1");
    assertThat(PyClosure.close(curation("app"), up).kept()).containsOnlyKeys("app", "core");
    assertThat(PyClosure.close(curation("app[socks]"), up).kept())
        .containsOnlyKeys("app", "core", "socks-lib");
  }

  @Test
  void filtersStateTheirReasons() throws IOException {
    Fake up =
        new Fake()
            .tagged("lib", "1.0", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", null)
            .tagged("lib", "1.0", "cp311-cp311-win32", null)
            .tagged("lib", "1.0", "cp38-cp38-manylinux_2_17_x86_64", null)
            .tagged("lib", "1.0", "cp311-cp311-manylinux_2_34_x86_64", null)
            .tagged("lib", "0.9", "py3-none-any", ">=3.12")
            .tagged("lib", "0.8", "py3-none-any", null);
    PypiCuration c =
        new PypiCuration(
            List.of(Requirement.parse("lib")),
            List.of("3.11"),
            List.of("manylinux_2_28_x86_64"),
            false,
            2,
            0,
            List.of(),
            List.of());
    PyClosure.Result r = PyClosure.close(c, up);
    assertThat(files(r, "lib"))
        .containsExactly("lib-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    assertThat(r.dropped().get("lib"))
        .containsEntry(
            "lib-1.0-cp311-cp311-win32.whl", "platform win32 is none of [manylinux_2_28_x86_64]")
        .containsEntry(
            "lib-1.0-cp38-cp38-manylinux_2_17_x86_64.whl",
            "wheel tags cp38-cp38 fit none of python [3.11]")
        .containsEntry(
            "lib-1.0-cp311-cp311-manylinux_2_34_x86_64.whl",
            "platform manylinux_2_34_x86_64 is none of [manylinux_2_28_x86_64]")
        .containsEntry("lib-0.9-py3-none-any.whl", "requires-python >=3.12 fits none of [3.11]")
        .containsEntry("lib-0.8-py3-none-any.whl", "older than the latest 2");
  }

  @Test
  void aBlockedVersionIsDroppedAndABlockedDependencyNamesWhoNeededIt() throws IOException {
    Fake up =
        new Fake()
            .wheel("app", "1", "urllib3")
            .wheel("urllib3", "1.26.17")
            .wheel("urllib3", "1.26.18")
            .wheel("other", "1", "evil-pkg")
            .wheel("evil-pkg", "1");
    PypiCuration c =
        new PypiCuration(
            List.of(Requirement.parse("app"), Requirement.parse("other")),
            List.of(),
            List.of(),
            false,
            0,
            0,
            List.of(Requirement.parse("urllib3<1.26.18"), Requirement.parse("evil_pkg")),
            List.of());
    PyClosure.Result r = PyClosure.close(c, up);
    assertThat(files(r, "urllib3")).containsExactly("urllib3-1.26.18-py3-none-any.whl");
    assertThat(r.dropped().get("urllib3"))
        .containsEntry("urllib3-1.26.17-py3-none-any.whl", "blocked (urllib3<1.26.18)");
    assertThat(r.blocked()).containsOnlyKeys("evil-pkg");
    assertThat(r.blocked().get("evil-pkg")).containsExactly("other");
    assertThat(files(r, "evil-pkg")).isEmpty();
  }

  @Test
  void aBlockedLicenseDropsTheVersion() throws IOException {
    Fake up = new Fake().wheel("app", "1").wheel("app", "2");
    up.licenses.put("app 2", "AGPL-3.0-only");
    PypiCuration c =
        new PypiCuration(
            List.of(Requirement.parse("app")),
            List.of(),
            List.of(),
            false,
            0,
            0,
            List.of(),
            List.of("AGPL-3.0-only"));
    PyClosure.Result r = PyClosure.close(c, up);
    assertThat(files(r, "app")).containsExactly("app-1-py3-none-any.whl");
    assertThat(r.dropped().get("app"))
        .containsEntry("app-2-py3-none-any.whl", "license AGPL-3.0-only (block-licenses)");
  }

  @Test
  void specifiersAndMarkersFollowPep440AndPep508() {
    assertThat(Specifiers.parse("~=2.2").matches("2.9")).isTrue();
    assertThat(Specifiers.parse("~=2.2").matches("3.0")).isFalse();
    assertThat(Specifiers.parse("==1.2.*").matches("1.2.7")).isTrue();
    assertThat(Specifiers.parse("!=1.2.*").matches("1.2.7")).isFalse();
    assertThat(Specifiers.parse("<2.0").matches("2.0rc1")).isFalse();
    assertThat(Specifiers.parse(">1.0").matches("1.0.post1")).isFalse();
    assertThat(Specifiers.parse("==1.0").matches("1.0+local")).isTrue();
    assertThat(Specifiers.parse(">=2.31,<3").matches("2.32.0")).isTrue();
    Requirement r =
        Requirement.parse("Requests[Socks, security] (>=2.31) ; python_version >= '3.8'");
    assertThat(r.normalized()).isEqualTo("requests");
    assertThat(r.extras()).containsExactly("security", "socks");
    assertThat(r.specifiers().matches("2.31.0")).isTrue();
    assertThat(r.marker().orElseThrow().evaluate(Map.of("python_version", "3.10"))).isTrue();
    assertThat(
            Marker.parse("(os_name == 'nt' or sys_platform == 'darwin') and extra == 'A_b'")
                .evaluate(Map.of("os_name", "posix", "sys_platform", "darwin", "extra", "a-b")))
        .isTrue();
    assertThat(Marker.parse("'linux' in sys_platform").evaluate(Map.of("sys_platform", "linux")))
        .isTrue();
  }
}
