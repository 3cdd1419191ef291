package dev.tintype.dryrun;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.storage.FileTrees;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.Pool;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code sync --dry-run}: for each repository, what a sync would fetch and keep. Takes no lock and
 * writes nothing to the storage; its scratch dir is a temporary one outside it.
 */
public final class DryRunner {
  private final Config config;
  private final Storage storage;
  private final Fetcher fetcher;
  private final ExecutorService downloads;
  private final SyncListener listener;
  private final Map<RepoType, Mirror> mirrors;

  public DryRunner(
      Config config,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncListener listener,
      Map<RepoType, Mirror> mirrors) {
    this.config = config;
    this.storage = storage;
    this.fetcher = fetcher;
    this.downloads = downloads;
    this.listener = listener;
    this.mirrors = Map.copyOf(mirrors);
  }

  public List<Estimate> run(SyncOptions options) throws IOException {
    List<Estimate> out = new ArrayList<>();
    for (RepoConfig repo : config.repos()) {
      if (options.includes(repo.name())) {
        out.add(one(repo, options));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no repository named '" + options.onlyRepo().orElseThrow() + "' in the config");
    }
    return out;
  }

  private Estimate one(RepoConfig repo, SyncOptions options) throws IOException {
    String name = repo.name().name();
    if (storage.exists(Layout.manifest(repo.name(), options.date()))) {
      return Estimate.nothing(name, "already published");
    }
    if (!(mirrors.get(repo.type()) instanceof Estimator estimator)) {
      return Estimate.nothing(name, "no dry run for type " + repo.type().id() + " yet");
    }
    Path scratch = Files.createTempDirectory("tintype-dry-run");
    try (PreviousSnapshot.Closer closer =
        new PreviousSnapshot.Closer(
            Snapshots.previous(storage, repo.name(), options.date(), scratch))) {
      Optional<PreviousSnapshot> previous = closer.snapshot();
      MirrorContext ctx =
          new MirrorContext(
              repo,
              options,
              storage,
              new Pool(storage, previous),
              fetcher.forUpstream(repo.upstream()),
              downloads,
              config.parallelDownloads(),
              scratch,
              previous,
              listener);
      return estimator.estimate(ctx);
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }
}
