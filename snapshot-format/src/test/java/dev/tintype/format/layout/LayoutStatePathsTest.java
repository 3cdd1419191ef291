package dev.tintype.format.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutStatePathsTest {
  private static final RepoName CRAN = new RepoName("cran");

  @Test
  void stagingTrashAndLocksLiveUnderTheStateDirectory() {
    assertThat(Layout.stagingOf(CRAN)).isEqualTo(".tintype/staging/cran");
    assertThat(Layout.staging(CRAN, SnapshotDate.parse("2026-01-15")))
        .startsWith(Layout.stagingOf(CRAN) + "/");
    assertThat(Layout.trashOf(CRAN)).isEqualTo(".tintype/trash/cran");
    assertThat(Layout.lock(CRAN)).isEqualTo(Layout.locks() + "/cran.lock");
  }

  @Test
  void aLockFileNameGivesItsRepositoryAndAnythingElseNone() {
    assertThat(Layout.repoOfLock("cran.lock")).isEqualTo(CRAN);
    assertThat(Layout.repoOfLock("bioc-3.20.lock")).isEqualTo(new RepoName("bioc-3.20"));
    assertThat(Layout.repoOfLock("cran")).isNull();
    assertThat(Layout.repoOfLock(".tmp.lock")).isNull();
    assertThat(Layout.repoOfLock("pool.lock")).isNull();
  }
}
