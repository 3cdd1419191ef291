package dev.tintype.local;

import static dev.tintype.local.LocalPythonRun.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.LocalPythonDir;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.verify.Verifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local-python repository on S3: the same snapshots, pool and checks as on a filesystem. */
@Tag("e2e")
class LocalPythonS3Test {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  @TempDir Path tmp;

  @Test
  void datedSnapshotsOnS3ShareThePoolAndVerify() throws Exception {
    LocalPythonDir dir = new LocalPythonDir(tmp.resolve("python"));
    PypiFile tool = PypiFile.wheel("our-tool", "1.0").uploaded(T).dependsOn("tiny-dep");
    dir.add(tool);
    dir.add(PypiFile.wheel("tiny-dep", "0.2").uploaded(T));
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
        LocalPythonRun run = new LocalPythonRun(storage, dir.dir())) {
      run.sync("2026-12-01");
      dir.add(PypiFile.wheel("our-tool", "1.1").uploaded(T.plusSeconds(60)));
      run.sync("2026-12-02");

      assertThat(run.infos)
          .contains("2 package files; 2 to copy into the pool")
          .contains("3 package files; 1 to copy into the pool");
      for (String date : new String[] {"2026-12-01", "2026-12-02"}) {
        assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse(date)).ok())
            .as(date)
            .isTrue();
      }
      assertThat(page(storage, "2026-12-01")).doesNotContain("our_tool-1.1");
      assertThat(page(storage, "2026-12-02")).contains("our_tool-1.1-py3-none-any.whl");
      String pool =
          Layout.poolFile(Sha256.hash(LocalPythonDir.bytes(tool)), LocalPythonDir.fileName(tool));
      assertThat(storage.exists(pool + ".metadata")).isTrue();
    }
  }

  private static String page(Storage storage, String date) throws Exception {
    String key = Layout.snapshotFile(REPO, SnapshotDate.parse(date), "simple/our-tool/index.json");
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
