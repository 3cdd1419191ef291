package dev.tintype.config;

import dev.tintype.format.layout.RepoName;
import java.util.List;
import java.util.Optional;

/** The whole configuration, validated. */
public record Config(StorageConfig storage, List<RepoConfig> repos, int parallelDownloads) {
  public Config {
    repos = List.copyOf(repos);
    if (parallelDownloads < 1 || parallelDownloads > 64) {
      throw new IllegalArgumentException("parallel downloads must be 1..64");
    }
  }

  public Optional<RepoConfig> repo(RepoName name) {
    return repos.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
