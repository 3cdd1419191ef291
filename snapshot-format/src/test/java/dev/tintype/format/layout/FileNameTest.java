package dev.tintype.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileNameTest {
  @Test
  void eachUnsafeNameIsRefusedSayingWhy() {
    assertThat(FileName.problem(null)).isEqualTo("empty");
    assertThat(FileName.problem("")).isEqualTo("empty");
    assertThat(FileName.problem("a".repeat(256))).isEqualTo("longer than 255 characters");
    assertThat(FileName.problem("a/b")).isEqualTo("contains a path separator");
    assertThat(FileName.problem("a\\b")).isEqualTo("contains a path separator");
    assertThat(FileName.problem("a..b")).isEqualTo("contains '..'");
    assertThat(FileName.problem("..")).isEqualTo("contains '..'");
    assertThat(FileName.problem(".hidden")).isEqualTo("starts with '.'");
    assertThat(FileName.problem("-rf")).isEqualTo("starts with '-'");
    assertThat(FileName.problem("a\nb")).isEqualTo("contains a control character");
    assertThat(FileName.problem("a\u007fb")).isEqualTo("contains a control character");
    assertThatThrownBy(() -> FileName.requireSafe("x\u0001/y", "PACKAGES of cran"))
        .hasMessage("PACKAGES of cran: refused file name 'x\\x01/y': contains a path separator");
  }

  @Test
  void plainNamesPass() {
    for (String ok :
        new String[] {
          "pkg_1.0.tar.gz",
          "a",
          "a".repeat(255),
          "numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
          "Größe_1.0.tar.gz",
          "数据_1.0.tar.gz",
          "a.b.c",
          "a-",
          "a.",
        }) {
      assertThat(FileName.problem(ok)).as(ok).isNull();
    }
  }

  @Test
  void theOnePassSaysWhatTheFullChecksSayForEveryCharacterAnywhere() {
    for (char c = 0; c < 0x3000; c++) {
      for (String name :
          new String[] {
            c + "pkg.tar.gz", "pkg" + c + "tar.gz", "pkg.tar.gz" + c, "." + c, c + ".", "" + c
          }) {
        assertThat(FileName.problem(name))
            .as("name with U+%04X", (int) c)
            .isEqualTo(FileName.why(name));
      }
    }
  }
}
