package dev.tintype.sync;

import dev.tintype.bioc.BiocMirror;
import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.config.Trust;
import dev.tintype.cran.CranMirror;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.Limits;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.pypi.PypiMirror;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/** Runs real syncs against a storage in tests: the CLI's wiring without the CLI. */
public final class Rig implements AutoCloseable {
  private static final Map<RepoType, Mirror> MIRRORS =
      Map.of(
          RepoType.CRAN, new CranMirror(),
          RepoType.PYPI, new PypiMirror(),
          RepoType.BIOCONDUCTOR, new BiocMirror());
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();
  private final OkHttpClient client = HttpClients.create(http, 2);
  private final Storage storage;
  private final Map<RepoType, Mirror> mirrors;
  private Limits limits = Limits.defaults();
  private Trust trust = Trust.NONE;
  public final List<String> events = new ArrayList<>();
  public final List<String> warnings = new ArrayList<>();

  /** Hears each phase a sync enters, on the thread that enters it. */
  public java.util.function.BiConsumer<String, Phase> onPhase = (repo, phase) -> {};

  public Rig(Storage storage) {
    this(storage, MIRRORS);
  }

  /** A rig syncing with these mirrors (a type's own tests pass its mirror). */
  public Rig(Storage storage, Map<RepoType, Mirror> mirrors) {
    this.storage = storage;
    this.mirrors = Map.copyOf(mirrors);
  }

  /** The limits the next syncs' fetcher applies (default {@link Limits#defaults()}). */
  public Rig limits(Limits limits) {
    this.limits = limits;
    return this;
  }

  /** The signing key and trusted keys of the next syncs (default none). */
  public Rig trust(Trust trust) {
    this.trust = trust;
    return this;
  }

  public Storage storage() {
    return storage;
  }

  public static RepoConfig repo(String name, RepoType type, String upstream, String... projects) {
    return new RepoConfig(new RepoName(name), type, URI.create(upstream), List.of(projects));
  }

  public List<Syncer.Outcome> sync(RepoConfig repo, String date) throws IOException {
    return sync(repo, new SyncOptions(SnapshotDate.parse(date), false, false, Optional.empty()));
  }

  public List<Syncer.Outcome> sync(RepoConfig repo, SyncOptions options) throws IOException {
    Config cfg =
        new Config(
            new StorageConfig(Optional.of(java.nio.file.Path.of("/unused")), Optional.empty()),
            List.of(repo),
            2,
            dev.tintype.fetch.FetchPolicy.defaults(),
            trust);
    Fetcher fetcher =
        new Fetcher(client, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)), limits);
    SyncListener listener =
        new SyncListener() {
          @Override
          public synchronized void info(String r, String message) {
            events.add(message);
          }

          @Override
          public synchronized void warn(String r, String message) {
            warnings.add(message);
          }

          @Override
          public void phase(String r, Phase phase) {
            onPhase.accept(r, phase);
          }
        };
    return new Syncer(cfg, storage, fetcher, downloads, listener, mirrors).sync(options);
  }

  @Override
  public void close() {
    downloads.shutdownNow();
    http.shutdownNow();
    client.connectionPool().evictAll();
  }
}
