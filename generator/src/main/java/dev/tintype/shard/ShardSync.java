package dev.tintype.shard;

import dev.tintype.bioc.BiocMirror;
import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.cran.CranMirror;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.pypi.PypiMirror;
import dev.tintype.storage.Storage;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.Pool;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One shard of a sharded run ({@code sync --shard I/N --run ID}): fetches its share of every
 * repository into the pool and records it in its shard result. Takes no lock and publishes nothing:
 * shards of a run never block each other, and {@link ShardedPublish} publishes once they are all
 * done. A rerun skips what the earlier attempt recorded.
 */
public final class ShardSync {
  /** Files between checkpoints of the shard result: what a killed shard's rerun need not fetch. */
  static final int BATCH = 64;

  private final Config config;
  private final Storage storage;
  private final Fetcher fetcher;
  private final ExecutorService downloads;
  private final SyncListener listener;

  public ShardSync(
      Config config,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncListener listener) {
    this.config = config;
    this.storage = storage;
    this.fetcher = fetcher;
    this.downloads = downloads;
    this.listener = listener;
  }

  /**
   * Runs shard {@code shard} of run {@code run} and returns its result; a failure is recorded in
   * the result and then thrown.
   */
  public ShardResult run(String run, ShardSpec shard, SyncOptions options) throws IOException {
    List<RepoConfig> repos = new ArrayList<>();
    for (RepoConfig r : config.repos()) {
      if (options.includes(r.name())) {
        if (r.type() != RepoType.CRAN
            && r.type() != RepoType.PYPI
            && r.type() != RepoType.BIOCONDUCTOR) {
          throw new IllegalArgumentException(
              r.name()
                  + ": sharded syncs support types cran, bioconductor and pypi, not "
                  + r.type().id()
                  + "; sync it with a plain sync (--repo picks the others for the shards)");
        }
        if (r.type() == RepoType.PYPI && r.curation().pypi().isActive()) {
          // The closure is found by reading pages one after another: there is no list to split.
          throw new IllegalArgumentException(
              r.name()
                  + ": a requirements-curated PyPI repository cannot be sharded yet; sync it with a"
                  + " plain sync (--repo picks the others for the shards)");
        }
        repos.add(r);
      }
    }
    ShardResult earlier =
        ShardResults.read(storage, run, shard.index())
            .filter(r -> r.shards() == shard.count() && r.date().equals(options.date().toString()))
            .orElse(null);
    List<ShardResult.Repo> done = new ArrayList<>();
    for (RepoConfig repo : repos) {
      String name = repo.name().name();
      listener.started(name);
      List<FileEntry> before =
          earlier == null
              ? List.of()
              : earlier.repo(name).map(ShardResult.Repo::files).orElse(List.of());
      ShardShare share =
          new ShardShare(
              storage,
              run,
              shard,
              name,
              before,
              scratch(repo, run, shard),
              current -> checkpoint(run, shard, options, done, current, false, List.of()));
      try {
        MirrorContext ctx = context(repo, options, share);
        try (PreviousSnapshot.Closer closer = new PreviousSnapshot.Closer(ctx.previous())) {
          if (repo.type() == RepoType.PYPI) {
            new PypiMirror().fetchShare(ctx, BATCH);
          } else if (repo.type() == RepoType.BIOCONDUCTOR) {
            BiocMirror.fetchShare(ctx, BATCH);
          } else {
            CranMirror.fetchShare(ctx, BATCH);
          }
        }
      } catch (IOException | RuntimeException e) {
        listener.failed(name, e);
        checkpoint(
            run,
            shard,
            options,
            done,
            share.result(),
            true,
            List.of(new ShardResult.Failure(name, String.valueOf(e.getMessage()))));
        throw e;
      }
      ShardResult.Repo result = share.result();
      done.add(result);
      listener.info(
          name,
          "shard " + shard + " of run " + run + ": " + result.files().size() + " files stored");
    }
    ShardResult result = result(run, shard, options, done, true, List.of());
    ShardResults.write(storage, result);
    return result;
  }

  private void checkpoint(
      String run,
      ShardSpec shard,
      SyncOptions options,
      List<ShardResult.Repo> done,
      ShardResult.Repo current,
      boolean complete,
      List<ShardResult.Failure> failures)
      throws IOException {
    List<ShardResult.Repo> repos = new ArrayList<>(done);
    repos.add(current);
    ShardResults.write(storage, result(run, shard, options, repos, complete, failures));
  }

  private static ShardResult result(
      String run,
      ShardSpec shard,
      SyncOptions options,
      List<ShardResult.Repo> repos,
      boolean complete,
      List<ShardResult.Failure> failures) {
    return new ShardResult(
        ShardResult.FORMAT,
        run,
        shard.index(),
        shard.count(),
        options.date().toString(),
        complete,
        repos,
        failures);
  }

  private MirrorContext context(RepoConfig repo, SyncOptions options, ShardShare share)
      throws IOException {
    Optional<PreviousSnapshot> previous =
        Snapshots.previous(storage, repo.name(), options.date(), share.scratch());
    return new MirrorContext(
        repo,
        options,
        storage,
        new Pool(storage, previous),
        fetcher.forUpstream(repo.upstream()),
        downloads,
        config.parallelDownloads(),
        share.scratch(),
        previous,
        listener,
        share);
  }

  /** This shard's own download dir: shards of one run may share a machine and a storage root. */
  private Path scratch(RepoConfig repo, String run, ShardSpec shard) throws IOException {
    return Syncer.scratch(storage, "shard-" + run + "-" + shard.index() + "-" + repo.name());
  }
}
