package dev.tintype.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.config.RepoType;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On S3 the diff reads the same manifests and pages through the same Storage interface. */
@Tag("e2e")
class S3SnapshotDiffTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;

  @Test
  void aPypiDiffOnS3IsTheSameAsOnAFilesystem() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/")) {
      PypiHistory.publish(storage, upstreamDir);

      DiffReport r =
          SnapshotDiff.between(
              storage,
              PYPI,
              RepoType.PYPI,
              SnapshotDate.parse("2026-11-20"),
              SnapshotDate.parse("2026-11-21"));

      assertThat(DiffText.lines(r)).containsExactly(PypiHistory.EXPECTED_TEXT);
      assertThatThrownBy(
              () ->
                  SnapshotDiff.between(
                      storage,
                      PYPI,
                      RepoType.PYPI,
                      SnapshotDate.parse("2026-11-22"),
                      SnapshotDate.parse("2026-11-21")))
          .isInstanceOf(UnknownSnapshotException.class)
          .hasMessageContaining("pypi has no snapshot 2026-11-22")
          .hasMessageContaining("nearest published: 2026-11-20, 2026-11-21");
    }
  }
}
