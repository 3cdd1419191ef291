package dev.tintype.purge;

import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** purge on S3Proxy, in process: the same promises, without links to delete. */
@Tag("e2e")
class S3PurgeTest extends PurgeContract {
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
}
