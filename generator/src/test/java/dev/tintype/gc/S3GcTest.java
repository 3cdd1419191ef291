package dev.tintype.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Layout;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** gc on S3Proxy, in process. */
@Tag("e2e")
class S3GcTest extends GcContract {
  private static S3ProxyServer server;

  @BeforeAll
  static void startS3() throws IOException {
    server = S3ProxyServer.startInMemory();
  }

  @AfterAll
  static void stopS3() {
    server.close();
  }

  @Override
  Storage create() throws IOException {
    return S3Buckets.open(server, S3Buckets.fresh(server), "mirror/");
  }

  @Test
  void aSnapshotKilledAfterItsManifestWentIsNoLongerPublishedAndTheNextGcRemovesTheRest()
      throws IOException {
    twelveDays();
    // deleteSnapshot killed between its first request and the rest.
    storage.delete(Layout.manifest(CRAN, day(0)));
    assertThat(Snapshots.published(storage, CRAN)).doesNotContain(day(0));

    GcReport r = gc(THREE_DAYS);

    assertThat(r.abandoned()).containsExactly("cran/" + day(0));
    assertThat(storage.list("cran/" + day(0))).isEmpty();
    assertThat(storage.exists(poolKey("only-0"))).isFalse();
    assertEverySnapshotVerifies();
  }

  // A year runs on jimfs; S3Proxy serves every request of a third of one.
  @Override
  int simulatedDays() {
    return 100;
  }
}
