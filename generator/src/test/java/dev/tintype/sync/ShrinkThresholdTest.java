package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream listing fewer than half the packages of the last snapshot is refused. */
class ShrinkThresholdTest {
  private static final RepoName CRAN = new RepoName("cran");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("cran", RepoType.CRAN, server.url());
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  @Test
  void exactlyHalfOfTheLastSnapshotIsPublished() throws IOException {
    upstream(4).write();
    rig.sync(repo, "2026-11-20");
    upstream(2).write();
    rig.sync(repo, "2026-11-21");
    assertThat(Snapshots.manifest(storage, CRAN, SnapshotDate.parse("2026-11-21")).packages())
        .isEqualTo(2);
  }

  @Test
  void justUnderHalfOfTheLastSnapshotIsRefused() throws IOException {
    upstream(5).write();
    rig.sync(repo, "2026-11-20");
    upstream(2).write();
    assertThatThrownBy(() -> rig.sync(repo, "2026-11-21"))
        .isInstanceOf(UpstreamShrankException.class)
        .hasMessageContaining("lists 2 packages")
        .hasMessageContaining("has 5");
    assertThat(Snapshots.published(storage, CRAN))
        .containsExactly(SnapshotDate.parse("2026-11-20"));
  }

  /** An upstream listing pkg1 .. pkgN. */
  private CranUpstream upstream(int n) {
    CranUpstream u = new CranUpstream(upstreamDir);
    for (int i = 1; i <= n; i++) {
      u.add(CranPackage.of("pkg" + i, "1.0"));
    }
    return u;
  }
}
