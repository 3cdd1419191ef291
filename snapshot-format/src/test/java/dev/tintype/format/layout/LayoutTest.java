package dev.tintype.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private static final Sha256 SHA =
      new Sha256("ea83a286cafb7883b37cbb91d77214757f0c443e52e5b67fd4f224a5643d0db4");

  @Test
  void poolPathsFanOutByTheFirstFourHexDigits() {
    assertThat(Layout.poolFile(SHA, "pkg_1.0.tar.gz"))
        .isEqualTo("pool/ea/83/" + SHA.hex() + "/pkg_1.0.tar.gz");
  }

  @Test
  void theCranPathLeadsFromContribToThePool() {
    URI contrib = URI.create("http://h/cran/2026-11-20/src/contrib/");
    URI file = contrib.resolve(Layout.cranPathToPool(SHA) + "/pkg_1.0.tar.gz");
    assertThat(file.normalize().getPath()).isEqualTo("/" + Layout.poolFile(SHA, "pkg_1.0.tar.gz"));
  }

  @Test
  void thePypiHrefLeadsFromAProjectPageToThePool() {
    URI page = URI.create("http://h/pypi/2026-11-20/simple/demo-pkg/");
    URI file = page.resolve(Layout.pypiHrefToPool(SHA, "demo_pkg-1.0-py3-none-any.whl"));
    assertThat(file.normalize().getPath())
        .isEqualTo("/" + Layout.poolFile(SHA, "demo_pkg-1.0-py3-none-any.whl"));
  }

  @Test
  void unsafeNamesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Layout.poolFile(SHA, "..x")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> Layout.cranContribFile("a/b")).hasMessageContaining("separator");
    assertThatThrownBy(() -> Layout.pypiProjectDir("x\n")).hasMessageContaining("control");
    assertThatThrownBy(() -> Layout.requireRelative("/abs"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void datesAndNamesAreStrict() {
    assertThat(SnapshotDate.parse("2026-11-27").toString()).isEqualTo("2026-11-27");
    assertThatThrownBy(() -> SnapshotDate.parse("2026-2-1")).hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> SnapshotDate.parse("2026-02-30")).hasMessageContaining("no such day");
    assertThatThrownBy(() -> new RepoName("Cran")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepoName("pool")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> new Sha256("ABC")).isInstanceOf(IllegalArgumentException.class);
  }
}
