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
  void everyPoolKeyStartsWithExactlyOneShardPrefix() {
    assertThat(Layout.POOL_SHARDS).hasSize(16).doesNotHaveDuplicates();
    for (String hex : new String[] {SHA.hex(), "0".repeat(64), "f".repeat(64), "9a".repeat(32)}) {
      String key = Layout.poolFile(new Sha256(hex), "f.tar.gz");
      assertThat(Layout.POOL_SHARDS.stream().filter(key::startsWith)).as(key).hasSize(1);
    }
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
  void theCranPathIsUnchangedByTheGeneralContribPath() {
    assertThat(Layout.cranPathToPool(SHA)).isEqualTo("../../../../" + Layout.poolDir(SHA));
    assertThat(Layout.pathToPool(Layout.CRAN_CONTRIB, SHA)).isEqualTo(Layout.cranPathToPool(SHA));
    assertThat(Layout.cranContribFile("a_1.0.tar.gz")).isEqualTo("src/contrib/a_1.0.tar.gz");
  }

  @Test
  void aBiocPathLeadsFromTheAreasContribDirToThePool() {
    String contrib = Layout.biocContrib("3.20", "data/annotation");
    assertThat(contrib).isEqualTo("packages/3.20/data/annotation/src/contrib");
    URI dir = URI.create("http://h/bioc/2026-11-20/" + contrib + "/");
    URI file = dir.resolve(Layout.pathToPool(contrib, SHA) + "/org.Hs.eg.db_3.20.0.tar.gz");
    assertThat(file.normalize().getPath())
        .isEqualTo("/" + Layout.poolFile(SHA, "org.Hs.eg.db_3.20.0.tar.gz"));
    URI soft = URI.create("http://h/bioc/2026-11-20/" + Layout.biocContrib("3.20", "bioc") + "/");
    assertThat(
            soft.resolve(Layout.pathToPool(Layout.biocContrib("3.20", "bioc"), SHA) + "/x")
                .normalize()
                .getPath())
        .isEqualTo("/" + Layout.poolDir(SHA) + "/x");
  }

  @Test
  void contribFilesAndIndexesAreInsideTheContribDir() {
    String contrib = Layout.biocContrib("3.21", "workflows");
    assertThat(Layout.contribFile(contrib, "rnaseqGene_1.30.0.tar.gz"))
        .isEqualTo("packages/3.21/workflows/src/contrib/rnaseqGene_1.30.0.tar.gz");
    assertThat(Layout.contribIndex(contrib, "PACKAGES.rds"))
        .isEqualTo("packages/3.21/workflows/src/contrib/PACKAGES.rds");
    assertThatThrownBy(() -> Layout.contribIndex(contrib, "index.html"))
        .hasMessageContaining("'index.html' is not one of");
    assertThatThrownBy(() -> Layout.contribFile(contrib, "../x.tar.gz"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBiocReleaseMustLookLikeOneAndAnAreaStayInside() {
    assertThatThrownBy(() -> Layout.biocContrib("../3.20", "bioc"))
        .hasMessageContaining("'../3.20' is not a Bioconductor release");
    assertThatThrownBy(() -> Layout.biocContrib("3.20", "../bioc"))
        .isInstanceOf(IllegalArgumentException.class);
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
  void aPoolKeysFileNameIsWhatParsingTheWholeKeyGivesForEveryKeyNearAGoodOne() {
    String good = Layout.poolFile(SHA, "demo_pkg-1.0-py3-none-any.whl");
    assertThat(Layout.poolFileName(good)).isEqualTo("demo_pkg-1.0-py3-none-any.whl");
    // Every single-character change and cut of a good key: the shortcut agrees with poolKey.
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < good.length(); i++) {
      for (char c : new char[] {'/', 'A', 'f', '0', '.', 'x', '\u00e9'}) {
        keys.add(good.substring(0, i) + c + good.substring(i + 1));
      }
      keys.add(good.substring(0, i));
      keys.add(good.substring(0, i) + good.substring(i + 1));
    }
    keys.addAll(java.util.List.of("", "pool/", good + "/", good + "/x", "x" + good));
    for (String key : keys) {
      String parsed;
      try {
        parsed = Layout.poolKey(key).fileName();
      } catch (IllegalArgumentException e) {
        parsed = null;
      }
      assertThat(Layout.poolFileName(key)).as(key).isEqualTo(parsed);
    }
  }

  @Test
  void onlyADatedSnapshotsManifestIsOne() {
    RepoName cran = new RepoName("cran");
    assertThat(Layout.isManifest(Layout.manifest(cran, SnapshotDate.parse("2026-11-27")))).isTrue();
    for (String not :
        new String[] {
          "cran/latest/manifest.json",
          "cran/2026-02-30/manifest.json",
          "Cran/2026-11-27/manifest.json",
          "cran/2026-11-27/manifest.json.sig",
          "cran/2026-11-27/src/manifest.json",
          ".tintype/2026-11-27/manifest.json",
          "/2026-11-27/manifest.json",
        }) {
      assertThat(Layout.isManifest(not)).as(not).isFalse();
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
