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
  void theManifestSignatureSitsNextToTheManifest() {
    RepoName cran = new RepoName("cran");
    SnapshotDate d = SnapshotDate.parse("2026-12-01");
    assertThat(Layout.manifestSignature(cran, d)).isEqualTo("cran/2026-12-01/manifest.json.sig");
    assertThat(Layout.manifestSignature(cran, d)).isEqualTo(Layout.manifest(cran, d) + ".sig");
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

  @Test
  void poolKeysParseBackToWhatBuiltThem() {
    String key = Layout.poolFile(SHA, "pkgA_1.0.tar.gz");
    assertThat(Layout.poolKey(key)).isEqualTo(new PoolKey(SHA, "pkgA_1.0.tar.gz"));
    assertThat(Layout.poolKey(key).key()).isEqualTo(key);
  }

  @Test
  void keysThatOnlyLookLikePoolKeysAreRefusedByName() {
    String h = SHA.hex();
    for (String bad :
        new String[] {
          "pool/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + h,
          "pool/zz/" + h.substring(2, 4) + "/" + h + "/a.whl",
          "pool/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + h + "/../a.whl",
          "pool/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + h + "/a/b.whl",
          "cran/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + h + "/a.whl",
        }) {
      assertThatThrownBy(() -> Layout.poolKey(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a pool key");
    }
  }

  @Test
  void projectPagesParseBackToTheirProject() {
    assertThat(Layout.pypiProjectPage("demo-pkg", false)).isEqualTo("simple/demo-pkg/index.html");
    assertThat(Layout.pypiProjectPage("demo-pkg", true)).isEqualTo("simple/demo-pkg/index.json");
    assertThat(Layout.projectOfPage("simple/demo-pkg/index.json")).isEqualTo("demo-pkg");
    assertThat(Layout.projectOfPage("simple/demo-pkg/index.html")).isEqualTo("demo-pkg");
    assertThat(Layout.projectOfPage("simple/index.html")).isNull();
    assertThat(Layout.projectOfPage("simple/demo-pkg/other.json")).isNull();
    assertThat(Layout.projectOfPage("src/contrib/PACKAGES")).isNull();
    assertThat(Layout.projectOfPage("simple/../index.json")).isNull();
  }
}
