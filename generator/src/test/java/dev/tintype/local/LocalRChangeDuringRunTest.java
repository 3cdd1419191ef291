package dev.tintype.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A tarball rewritten between being indexed and being copied fails the run. */
class LocalRChangeDuringRunTest {

  @Test
  void aTarballRewrittenAfterItWasIndexedFailsTheRunAndNothingIsPublished() throws Exception {
    ExecutorService downloads = Executors.newFixedThreadPool(2);
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = Files.createDirectories(fs.getPath("/srv/internal/r"));
      Path a = CranPackage.of("pkgA", "1.0.0").writeTo(dir);
      byte[] rebuilt =
          Files.readAllBytes(
              CranPackage.of("pkgA", "1.0.0")
                  .field("Title", "Rebuilt")
                  .writeTo(fs.getPath("/tmp")));
      FileStorage storage = new FileStorage(fs.getPath("/srv/tintype"));
      RepoName name = new RepoName("internal-r");
      RepoConfig repo = new RepoConfig(name, RepoType.LOCAL_R, dir.toUri(), List.of());
      // The copy phase starts right after this line is reported: the file changes there.
      SyncListener rewriter =
          new SyncListener() {
            @Override
            public void info(String r, String message) {
              if (message.endsWith(" copied")) {
                try {
                  Files.write(a, rebuilt);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            }
          };
      Syncer syncer =
          new Syncer(
              new Config(
                  new StorageConfig(Optional.of(Path.of("/unused")), Optional.empty()),
                  List.of(repo),
                  2),
              storage,
              new Fetcher(
                  HttpClients.create(downloads, 1),
                  new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))),
              downloads,
              rewriter,
              Map.of(RepoType.LOCAL_R, new LocalRMirror()));

      assertThatThrownBy(
              () ->
                  syncer.sync(
                      new SyncOptions(
                          SnapshotDate.parse("2026-12-01"), false, false, Optional.empty())))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("pkgA_1.0.0.tar.gz: changed while tintype read it")
          .hasMessageContaining("nothing is published");
      assertThat(Snapshots.published(storage, name)).isEmpty();
    } finally {
      downloads.shutdownNow();
    }
  }
}
