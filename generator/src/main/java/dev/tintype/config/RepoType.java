package dev.tintype.config;

/** The kinds of upstream repository tintype mirrors. */
public enum RepoType {
  CRAN,
  PYPI;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
