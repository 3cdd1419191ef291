package dev.tintype.bioc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.diff.DiffText;
import dev.tintype.diff.SnapshotDiff;
import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bioconductor snapshots on S3: every area's indexes (empty ones too) and config.yaml are objects,
 * the snapshots verify, a second date fetches only what changed, and a diff lists releases and
 * areas from the bucket's listing.
 */
@Tag("e2e")
class BiocS3Test {
  private static final RepoName BIOC = new RepoName("bioc");
  private static final String D1 = "2026-11-20";
  private static final String D2 = "2026-11-21";
  @TempDir Path upstreamDir;

  @Test
  void datedBiocSnapshotsOnS3VerifyAndDiffByReleaseAndArea() throws IOException {
    BiocUpstream upstream = BiocUpstream.demo(upstreamDir);
    try (FakeUpstream server = FakeUpstream.serve(upstreamDir);
        S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
      Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
      RepoConfig repo = BiocRepos.bioc(server.url(), "3.16", "3.17");
      try (Rig rig = new Rig(storage)) {
        rig.sync(repo, D1);
        upstream.add("3.16", "workflows", CranPackage.of("demoWorkflow", "0.9.0")).write();
        server.resetCounts();
        rig.sync(repo, D2);
        assertThat(server.fileDownloads()).isEqualTo(1);
      }

      for (String date : List.of(D1, D2)) {
        assertThat(new Verifier(storage).verify(BIOC, SnapshotDate.parse(date)).problems())
            .as(date)
            .isEmpty();
        assertThat(
                storage.exists(Layout.snapshotFile(BIOC, SnapshotDate.parse(date), "config.yaml")))
            .isTrue();
      }
      String books = Layout.contribIndex(Layout.biocContrib("3.17", "books"), "PACKAGES");
      try (InputStream in =
          storage.open(Layout.snapshotFile(BIOC, SnapshotDate.parse(D2), books))) {
        assertThat(Dcf.read(in, books)).isEmpty();
      }
      assertThat(
              DiffText.lines(
                  SnapshotDiff.between(
                      storage,
                      BIOC,
                      RepoType.BIOCONDUCTOR,
                      SnapshotDate.parse(D1),
                      SnapshotDate.parse(D2))))
          .containsExactly(
              "+ [3.16/workflows] demoWorkflow 0.9.0",
              "bioc 2026-11-20 -> 2026-11-21: 1 added, 0 removed, 0 upgraded, 0 downgraded,"
                  + " 0 changed, 0 file changes, 0 yank changes");
    }
  }
}
