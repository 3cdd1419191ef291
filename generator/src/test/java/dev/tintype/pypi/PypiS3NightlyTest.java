package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On S3, which has no hard links, an unchanged project's pages are copied inside the bucket. */
@Tag("e2e")
class PypiS3NightlyTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;

  @Test
  void anUnchangedProjectsPagesAreCopiedInsideTheBucketWithoutBeingRead() throws Exception {
    PypiUpstream upstream = PypiUpstream.demo(upstreamDir);
    List<String> opened = new CopyOnWriteArrayList<>();
    ExecutorService downloads = Executors.newFixedThreadPool(2);
    ExecutorService http = Executors.newCachedThreadPool();
    OkHttpClient client = HttpClients.create(http, 2);
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        FakeUpstream server = FakeUpstream.serve(upstreamDir)) {
      Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/");
      RepoConfig repo =
          new RepoConfig(
              PYPI,
              RepoType.PYPI,
              URI.create(server.url()),
              List.of("Demo.Pkg", "tiny-dep", "Other_Thing"));
      Config cfg =
          new Config(
              new StorageConfig(Optional.of(Path.of("/unused")), Optional.empty()),
              List.of(repo),
              2);
      Fetcher fetcher =
          new Fetcher(client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));
      Syncer syncer =
          new Syncer(
              cfg,
              new OpenCounting(storage, opened),
              fetcher,
              downloads,
              SyncListener.NONE,
              Map.of(RepoType.PYPI, new PypiMirror(1)));
      syncer.sync(options("2026-11-26"));
      upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
      opened.clear();

      syncer.sync(options("2026-11-27"));

      assertThat(opened).noneMatch(k -> k.endsWith("/simple/demo-pkg/index.json"));
      for (String f : List.of("index.html", "index.json")) {
        assertThat(read(storage, "pypi/2026-11-27/simple/demo-pkg/" + f))
            .as(f)
            .isNotEmpty()
            .isEqualTo(read(storage, "pypi/2026-11-26/simple/demo-pkg/" + f));
      }
      assertThat(new String(read(storage, "pypi/2026-11-27/simple/tiny-dep/index.json")))
          .contains("0.5");
      assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).problems())
          .isEmpty();
    } finally {
      downloads.shutdownNow();
      http.shutdownNow();
      client.connectionPool().evictAll();
    }
  }

  private static SyncOptions options(String date) {
    return new SyncOptions(SnapshotDate.parse(date), false, false, Optional.empty());
  }

  private static byte[] read(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }
}
