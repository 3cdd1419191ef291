package dev.tintype.sync;

import dev.tintype.config.RepoConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.storage.Storage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** What a mirror needs to build one snapshot, or one shard's share of it ({@link Share}). */
public record MirrorContext(
    RepoConfig repo,
    SyncOptions options,
    Storage storage,
    Pool pool,
    Fetcher fetcher,
    ExecutorService downloads,
    int parallel,
    Path scratch,
    Optional<PreviousSnapshot> previous,
    SyncListener listener,
    Share share) {

  /** An ordinary sync's context: the whole repository. */
  public MirrorContext(
      RepoConfig repo,
      SyncOptions options,
      Storage storage,
      Pool pool,
      Fetcher fetcher,
      ExecutorService downloads,
      int parallel,
      Path scratch,
      Optional<PreviousSnapshot> previous,
      SyncListener listener) {
    this(
        repo,
        options,
        storage,
        pool,
        fetcher,
        downloads,
        parallel,
        scratch,
        previous,
        listener,
        Share.WHOLE);
  }

  public void info(String message) {
    listener.info(repo.name().name(), message);
  }

  public void warn(String message) {
    listener.warn(repo.name().name(), message);
  }
}
