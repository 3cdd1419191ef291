package dev.tintype.storage;

import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The storage contract on S3Proxy, under a key prefix as a shared bucket would use. */
@Tag("e2e")
class S3StorageContractTest extends StorageContract {
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
