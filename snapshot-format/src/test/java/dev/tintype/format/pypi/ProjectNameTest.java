package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNameTest {

  @ParameterizedTest
  @CsvSource({
    "Demo.Pkg, demo-pkg",
    "demo_pkg, demo-pkg",
    "demo-pkg, demo-pkg",
    "DEMO--pkg, demo-pkg",
    "demo._-pkg, demo-pkg",
    "A, a",
    "zope.interface, zope-interface",
    "Twisted, twisted",
    "a1_B2.c3, a1-b2-c3",
  })
  void normalizesSeparatorRunsAndCase(String name, String expected) {
    assertThat(new ProjectName(name).normalized()).isEqualTo(expected);
    assertThat(ProjectName.normalize(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        ".",
        "-demo",
        "demo-",
        "_demo",
        "demo.",
        "a/b",
        "a\\b",
        "../etc",
        "a b",
        "demo\npkg",
        "demo\u0000",
        "d\u00e9mo",
        "demo+pkg",
        "demo@1",
        "\u212a",
        "~demo"
      })
  void rejectsNamesThatAreNotPep508(String name) {
    assertThatThrownBy(() -> new ProjectName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("project name")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsNullAndOverlongNames() {
    assertThatThrownBy(() -> new ProjectName(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ProjectName("a".repeat(200)).normalized()).hasSize(200);
    assertThatThrownBy(() -> new ProjectName("a".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 200");
  }
}
