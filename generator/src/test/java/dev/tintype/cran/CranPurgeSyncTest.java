package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purged CRAN package version stays purged: the next sync leaves it out of the index. */
class CranPurgeSyncTest {
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
    new CranUpstream(upstreamDir)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("evil", "0.1"))
        .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
        .write();
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

  private List<DcfRecord> packages(String date) throws IOException {
    try (InputStream in = storage.open("cran/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES");
    }
  }

  @Test
  void theNextSyncNeitherFetchesNorListsAPurgedPackageVersionAndWarnsOfIt() throws IOException {
    rig.sync(repo, "2026-11-20");
    new Purger(storage, new PurgeListener() {})
        .run(new Purger.Request(CRAN, Optional.of("evil"), List.of(), "malware"), false, false);
    assertThat(storage.exists("cran/2026-11-20/src/contrib/evil_0.1.tar.gz")).isFalse();
    server.resetCounts();

    rig.sync(repo, "2026-11-21");

    assertThat(server.fileDownloads()).isZero();
    assertThat(packages("2026-11-21"))
        .extracting(r -> r.require("Package"))
        .containsExactly("pkgA", "pkgB");
    assertThat(packages("2026-11-20")).extracting(r -> r.require("Package")).contains("evil");
    assertThat(rig.warnings).anyMatch(w -> w.contains("evil_0.1.tar.gz"));
    Verifier v = new Verifier(storage);
    assertThat(v.verify(CRAN, SnapshotDate.parse("2026-11-21")).ok()).isTrue();
    assertThat(v.verify(CRAN, SnapshotDate.parse("2026-11-20")).ok()).isTrue();
  }
}
