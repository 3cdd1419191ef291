package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalPythonNameTest {
  @Test
  void aWheelNameGivesItsNormalizedProjectAndVersion() {
    LocalPythonName n = LocalPythonName.parse("Our_Tool-1.0.post1-py3-none-any.whl").orElseThrow();
    assertThat(n.wheel()).isTrue();
    assertThat(n.project().normalized()).isEqualTo("our-tool");
    assertThat(n.version()).isEqualTo("1.0.post1");
  }

  @Test
  void aWheelNameMayCarryABuildTagAndCompressedTags() {
    LocalPythonName n =
        LocalPythonName.parse(
                "numpy-2.1.0-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
            .orElseThrow();
    assertThat(n.project().normalized()).isEqualTo("numpy");
    assertThat(n.version()).isEqualTo("2.1.0");
  }

  @Test
  void sdistNamesSplitAtTheFirstDashBeforeADigit() {
    LocalPythonName legacy = LocalPythonName.parse("python-dateutil-2.9.0.tar.gz").orElseThrow();
    assertThat(legacy.wheel()).isFalse();
    assertThat(legacy.project().normalized()).isEqualTo("python-dateutil");
    assertThat(legacy.version()).isEqualTo("2.9.0");
    LocalPythonName zip = LocalPythonName.parse("Our.Tool-1.0.zip").orElseThrow();
    assertThat(zip.project().normalized()).isEqualTo("our-tool");
  }

  @Test
  void otherFilesAreNotPackageFiles() {
    assertThat(LocalPythonName.parse("README.txt")).isEmpty();
    assertThat(LocalPythonName.parse("our_tool-1.0-py3-none-any.whl.metadata")).isEmpty();
    assertThat(LocalPythonName.parse("our_tool-1.0.tar.bz2")).isEmpty();
  }

  @Test
  void badPackageNamesAreRefusedNamingTheFile() {
    for (String bad :
        new String[] {
          "our_tool-1.0.whl",
          "our_tool-x-py3-none-any.whl",
          "our_tool-1.0-b-py3-none-any.whl",
          "-1.0-py3-none-any.whl",
          "our_tool.tar.gz",
          "our_tool-beta.zip",
          "our tool-1.0.tar.gz",
          "our_tool-1..0.tar.gz",
          "our_tool-1.0\n-py3-none-any.whl",
          "our_tool-" + "1".repeat(260) + ".zip"
        }) {
      assertThatThrownBy(() -> LocalPythonName.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad.replace("\n", "\\x0a").substring(0, 15))
          .hasMessageContaining("is not a valid package file name");
    }
  }
}
