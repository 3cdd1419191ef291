package dev.tintype.format.layout;

import java.util.Set;
import java.util.regex.Pattern;

/** A configured repository's name: it becomes the first URL segment of its snapshots. */
public record RepoName(String name) {
  private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Set<String> RESERVED = Set.of("pool", "latest", "__api__", "index.html");

  public RepoName {
    if (name == null || !FORM.matcher(name).matches() || name.length() > 64) {
      throw new IllegalArgumentException(
          "bad repository name '" + name + "': expected [a-z0-9][a-z0-9._-]*, at most 64 chars");
    }
    if (RESERVED.contains(name) || name.contains("..")) {
      throw new IllegalArgumentException("repository name '" + name + "' is reserved");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
