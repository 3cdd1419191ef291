package dev.tintype.pypi;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.Limits;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
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

/** Runs PyPI syncs with chosen limits and project-list threshold, keeping the warnings. */
final class MirrorRun implements AutoCloseable {
  static final RepoName PYPI = new RepoName("pypi");

  final List<String> warnings = new CopyOnWriteArrayList<>();
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();
  private final OkHttpClient client = HttpClients.create(http, 2);
  private final Storage storage;
  private final String upstream;
  private final int rootIndexMinProjects;
  private final Limits limits;
  List<String> projects = List.of("Demo.Pkg", "tiny-dep", "Other_Thing");

  MirrorRun(Storage storage, String upstream, int rootIndexMinProjects, Limits limits) {
    this.storage = storage;
    this.upstream = upstream;
    this.rootIndexMinProjects = rootIndexMinProjects;
    this.limits = limits;
  }

  Syncer.Outcome sync(String date) throws IOException {
    return sync(date, false);
  }

  Syncer.Outcome sync(String date, boolean force) throws IOException {
    RepoConfig repo = new RepoConfig(PYPI, RepoType.PYPI, URI.create(upstream), projects);
    Config cfg =
        new Config(
            new StorageConfig(Optional.of(Path.of("/unused")), Optional.empty()), List.of(repo), 2);
    Fetcher fetcher =
        new Fetcher(client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)), limits);
    SyncListener listener =
        new SyncListener() {
          @Override
          public void warn(String r, String message) {
            warnings.add(message);
          }
        };
    List<Syncer.Outcome> out =
        new Syncer(
                cfg,
                storage,
                fetcher,
                downloads,
                listener,
                Map.of(RepoType.PYPI, new PypiMirror(rootIndexMinProjects)))
            .sync(new SyncOptions(SnapshotDate.parse(date), force, false, Optional.empty()));
    return out.get(0);
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    http.shutdownNow();
    client.connectionPool().evictAll();
  }
}
