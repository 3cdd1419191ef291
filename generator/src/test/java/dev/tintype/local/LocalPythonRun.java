package dev.tintype.local;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/** Runs local-python syncs of one directory into a storage, keeping what they report. */
final class LocalPythonRun implements AutoCloseable {
  static final RepoName REPO = new RepoName("internal-py");

  final List<String> infos = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();
  private final OkHttpClient client = HttpClients.create(http, 2);
  private final Storage storage;
  private final Path dir;

  LocalPythonRun(Storage storage, Path dir) {
    this.storage = storage;
    this.dir = dir;
  }

  Syncer.Outcome sync(String date) throws IOException {
    return sync(date, false);
  }

  Syncer.Outcome sync(String date, boolean force) throws IOException {
    RepoConfig repo = new RepoConfig(REPO, RepoType.LOCAL_PYTHON, dir.toUri(), List.of());
    Config cfg =
        new Config(
            new StorageConfig(Optional.of(Path.of("/unused")), Optional.empty()), List.of(repo), 2);
    Fetcher fetcher =
        new Fetcher(client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));
    SyncListener listener =
        new SyncListener() {
          @Override
          public void info(String r, String message) {
            infos.add(message);
          }

          @Override
          public void warn(String r, String message) {
            warnings.add(message);
          }
        };
    return new Syncer(
            cfg,
            storage,
            fetcher,
            downloads,
            listener,
            Map.of(RepoType.LOCAL_PYTHON, new LocalPythonMirror()))
        .sync(new SyncOptions(SnapshotDate.parse(date), force, false, Optional.empty()))
        .get(0);
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    http.shutdownNow();
    client.connectionPool().evictAll();
  }
}
