package dev.tintype.config;

import dev.tintype.fetch.FetchPolicy;
import dev.tintype.format.layout.RepoName;
import dev.tintype.gc.RetentionPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration, validated. {@code fetchPolicy} carries the {@code download.*} and {@code
 * limits.*} keys the fetcher enforces; {@code trust} the {@code signing} and {@code trusted-keys}
 * keys; {@code retention} is empty without a {@code retention:} block, and gc then deletes no
 * snapshot.
 */
public record Config(
    StorageConfig storage,
    List<RepoConfig> repos,
    int parallelDownloads,
    FetchPolicy fetchPolicy,
    Trust trust,
    Optional<RetentionPolicy> retention,
    Optional<String> publicUrl) {
  public Config {
    Objects.requireNonNull(publicUrl, "publicUrl");
    repos = List.copyOf(repos);
    Objects.requireNonNull(fetchPolicy, "fetchPolicy");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(retention, "retention");
    if (parallelDownloads < 1 || parallelDownloads > 64) {
      throw new IllegalArgumentException("parallel downloads must be 1..64");
    }
  }

  /** Without a public URL: the browsable pages link relatively. */
  public Config(
      StorageConfig storage,
      List<RepoConfig> repos,
      int parallelDownloads,
      FetchPolicy fetch,
      Trust trust,
      Optional<RetentionPolicy> retention) {
    this(storage, repos, parallelDownloads, fetch, trust, retention, Optional.empty());
  }

  /** Without retention. */
  public Config(
      StorageConfig storage,
      List<RepoConfig> repos,
      int parallelDownloads,
      FetchPolicy fetch,
      Trust trust) {
    this(storage, repos, parallelDownloads, fetch, trust, Optional.empty());
  }

  /** Without signing or trusted keys. */
  public Config(
      StorageConfig storage,
      List<RepoConfig> repos,
      int parallelDownloads,
      FetchPolicy fetch,
      Optional<RetentionPolicy> retention) {
    this(storage, repos, parallelDownloads, fetch, Trust.NONE, retention);
  }

  /** Without signing, trusted keys or retention. */
  public Config(
      StorageConfig storage, List<RepoConfig> repos, int parallelDownloads, FetchPolicy fetch) {
    this(storage, repos, parallelDownloads, fetch, Trust.NONE, Optional.empty());
  }

  /** With the default fetch policy. */
  public Config(StorageConfig storage, List<RepoConfig> repos, int parallelDownloads) {
    this(storage, repos, parallelDownloads, FetchPolicy.defaults());
  }

  public Optional<RepoConfig> repo(RepoName name) {
    return repos.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
