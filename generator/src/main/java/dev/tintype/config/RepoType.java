package dev.tintype.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of repository tintype snapshots, by their {@code type:} in the config. */
public enum RepoType {
  CRAN("cran"),
  PYPI("pypi"),
  BIOCONDUCTOR("bioconductor"),
  /** A local directory of R source tarballs. */
  LOCAL_R("local-r"),
  /** A local directory of wheels and sdists. */
  LOCAL_PYTHON("local-python");

  private final String id;

  RepoType(String id) {
    this.id = id;
  }

  /** The config's spelling, also recorded in manifests. */
  public String id() {
    return id;
  }

  /** Whether the repository is read from a local {@code path:} rather than an {@code upstream:}. */
  public boolean isLocal() {
    return this == LOCAL_R || this == LOCAL_PYTHON;
  }

  public static Optional<RepoType> parse(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  /** "cran, pypi, ...", for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(RepoType::id).collect(Collectors.joining(", "));
  }
}
