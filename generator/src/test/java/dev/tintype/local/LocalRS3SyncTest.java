package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local directory published to S3: pool objects by sha256, indexes with Path, no recopy. */
@Tag("e2e")
class LocalRS3SyncTest {
  private static final RepoName REPO = new RepoName("internal-r");
  @TempDir Path tmp;

  @Test
  void aLocalDirectoryOnS3IsPooledOnceAndAddedFilesAppearOnTheNextDate() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("internal"));
    CranPackage.of("pkgA", "1.0.0").writeTo(dir);
    CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA").writeTo(dir);
    RepoConfig repo = new RepoConfig(REPO, RepoType.LOCAL_R, dir.toUri(), List.of());
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
      Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
      try (Rig rig = new Rig(storage, Map.of(RepoType.LOCAL_R, new LocalRMirror()))) {
        rig.sync(repo, "2026-12-01");
        CranPackage.of("pkgC", "1.0").writeTo(dir);
        rig.events.clear();
        rig.sync(repo, "2026-12-02");

        assertThat(rig.events).contains("3 tarballs: 2 already in the pool, 1 copied");
        assertThat(packages(storage, "2026-12-01"))
            .extracting(r -> r.require("Package"))
            .containsExactly("pkgA", "pkgB");
        List<DcfRecord> d2 = packages(storage, "2026-12-02");
        assertThat(d2)
            .extracting(r -> r.require("Package"))
            .containsExactly("pkgA", "pkgB", "pkgC");
        for (DcfRecord r : d2) {
          String pool = r.require("Path").substring("../../../../".length());
          String file = r.require("Package") + "_" + r.require("Version") + ".tar.gz";
          assertThat(storage.size(pool + "/" + file)).contains(Files.size(dir.resolve(file)));
        }
        for (String date : List.of("2026-12-01", "2026-12-02")) {
          assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse(date)).problems())
              .as(date)
              .isEmpty();
        }
      }
    }
  }

  private static List<DcfRecord> packages(Storage storage, String date) throws IOException {
    try (InputStream in = storage.open("internal-r/" + date + "/src/contrib/PACKAGES")) {
      return Dcf.read(in, "PACKAGES");
    }
  }
}
