package dev.tintype.config;

import dev.tintype.format.layout.RepoName;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** One configured repository. {@code projects} is used by PyPI repositories only. */
public record RepoConfig(RepoName name, RepoType type, URI upstream, List<String> projects) {
  public RepoConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(upstream, "upstream");
    projects = List.copyOf(projects);
  }

  /** The upstream base URL without a trailing slash. */
  public String upstreamBase() {
    String s = upstream.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
