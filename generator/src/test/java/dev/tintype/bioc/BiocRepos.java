package dev.tintype.bioc;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.format.layout.RepoName;
import java.net.URI;
import java.util.List;

/** The {@code bioc} repository of the Bioconductor tests, as its config entry would give it. */
public final class BiocRepos {
  public static final RepoName BIOC = new RepoName("bioc");

  private BiocRepos() {}

  public static RepoConfig bioc(String upstream, List<String> versions, List<String> areas) {
    return new RepoConfig(
        BIOC, RepoType.BIOCONDUCTOR, URI.create(upstream), List.of(), versions, areas);
  }

  /** Every area of these releases. */
  public static RepoConfig bioc(String upstream, String... versions) {
    return bioc(upstream, List.of(versions), RepoConfig.BIOC_AREAS);
  }
}
