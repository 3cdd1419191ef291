package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.S3ProxyServer;
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

/** Where the storage cannot hard-link, an unchanged index is written again, byte for byte. */
@Tag("e2e")
class CranS3SyncTest {
  @TempDir Path upstreamDir;

  @Test
  void anUnchangedIndexOnS3HasTheBytesOfTheLastSnapshot() throws IOException {
    new CranUpstream(upstreamDir)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
        .write();
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        FakeUpstream server = FakeUpstream.serve(upstreamDir)) {
      Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
      try (Rig rig = new Rig(storage)) {
        RepoConfig repo = Rig.repo("cran", RepoType.CRAN, server.url());
        rig.sync(repo, "2026-11-20");
        rig.sync(repo, "2026-11-21");
        for (String f : List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds")) {
          assertThat(read(storage, "cran/2026-11-21/src/contrib/" + f))
              .as(f)
              .isNotEmpty()
              .isEqualTo(read(storage, "cran/2026-11-20/src/contrib/" + f));
        }
        assertThat(
                new Verifier(storage)
                    .verify(new RepoName("cran"), SnapshotDate.parse("2026-11-21"))
                    .problems())
            .isEmpty();
      }
    }
  }

  @Test
  void aNightlyOnS3ListsNoPoolAndAsksOnlyAboutNewFiles() throws IOException {
    CranUpstream up =
        new CranUpstream(upstreamDir)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.2-1"));
    up.write();
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        FakeUpstream server = FakeUpstream.serve(upstreamDir)) {
      Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
      try (Rig rig = new Rig(storage)) {
        RepoConfig repo = Rig.repo("cran", RepoType.CRAN, server.url());
        rig.sync(repo, "2026-11-20");
        up.add(CranPackage.of("pkgC", "1.0")).write();
        s3.resetCounts();
        rig.sync(repo, "2026-11-21");

        assertThat(s3.reads()).noneMatch(r -> r.startsWith("LIST m/pool"));
        // S3Proxy looks up the key of a conditional PUT itself: the new file is looked up once.
        assertThat(s3.reads().stream().filter(r -> r.startsWith("HEAD m/pool/")))
            .as("nothing is asked about the files the last snapshot lists")
            .allMatch(r -> r.endsWith("/pkgC_1.0.tar.gz"));
        assertThat(s3.puts().stream().filter(k -> k.startsWith("m/pool/")))
            .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .endsWith("/pkgC_1.0.tar.gz");
        assertThat(
                new Verifier(storage)
                    .verify(new RepoName("cran"), SnapshotDate.parse("2026-11-21"))
                    .problems())
            .isEmpty();
      }
    }
  }

  private static byte[] read(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }
}
