package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.sync.SyncOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncCommandTest {
  private static final SnapshotDate DAY = SnapshotDate.parse("2026-01-02");

  private static RepoConfig repo(String name, String upstream) {
    return new RepoConfig(new RepoName(name), RepoType.CRAN, URI.create(upstream), List.of());
  }

  private static Config config(RepoConfig... repos) {
    return new Config(
        new StorageConfig(Optional.of(Path.of("/srv/mirror")), Optional.empty()),
        List.of(repos),
        4);
  }

  private static SyncOptions only(String repo) {
    return new SyncOptions(DAY, false, false, Optional.ofNullable(repo).map(RepoName::new));
  }

  @Test
  void theHttpClientIsBuiltAheadOnlyForARunThatSyncsAnHttpUpstream() {
    Config cfg =
        config(
            repo("local", "file:///srv/upstream/cran"),
            repo("cran", "https://cloud.r-project.org"),
            repo("plain", "HTTP://mirror.example/cran"));
    assertThat(SyncCommand.fetchesOverHttp(cfg, only(null))).isTrue();
    assertThat(SyncCommand.fetchesOverHttp(cfg, only("local"))).isFalse();
    assertThat(SyncCommand.fetchesOverHttp(cfg, only("cran"))).isTrue();
    assertThat(SyncCommand.fetchesOverHttp(cfg, only("plain"))).isTrue();
    assertThat(SyncCommand.fetchesOverHttp(config(repo("local", "file:///up")), only(null)))
        .isFalse();
  }
}
