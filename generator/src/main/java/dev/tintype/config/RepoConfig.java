package dev.tintype.config;

import dev.tintype.curate.Curation;
import dev.tintype.format.layout.RepoName;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One configured repository. {@code projects} is for PyPI; {@code versions} and {@code areas} for
 * Bioconductor; {@code binaries} and {@code archive} (mirror {@code src/contrib/Archive} and
 * publish {@code Meta/archive.rds}) for CRAN; {@code curation} for curated subsets. A local
 * repository's {@code path:} is held as a {@code file:} upstream.
 */
public record RepoConfig(
    RepoName name,
    RepoType type,
    URI upstream,
    List<String> projects,
    List<String> versions,
    List<String> areas,
    Binaries binaries,
    Curation curation,
    boolean archive) {
  /** Bioconductor's five areas under {@code packages/<version>/}, the default of {@code areas}. */
  public static final List<String> BIOC_AREAS =
      List.of("bioc", "data/annotation", "data/experiment", "workflows", "books");

  /** The word of {@code projects: all}. */
  public static final String ALL = "all";

  /**
   * {@code projects} of {@code projects: all}: every project upstream's root index lists. ":all:"
   * is no valid project name, so it cannot stand for one.
   */
  public static final List<String> ALL_PROJECTS = List.of(":all:");

  public RepoConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(upstream, "upstream");
    projects = List.copyOf(projects);
    versions = List.copyOf(versions);
    areas = List.copyOf(areas);
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(curation, "curation");
  }

  public RepoConfig(
      RepoName name,
      RepoType type,
      URI upstream,
      List<String> projects,
      List<String> versions,
      List<String> areas) {
    this(name, type, upstream, projects, versions, areas, Binaries.NONE, Curation.NONE, true);
  }

  public RepoConfig(RepoName name, RepoType type, URI upstream, List<String> projects) {
    this(name, type, upstream, projects, List.of(), List.of());
  }

  /** This repository with {@code binaries} instead. */
  public RepoConfig withBinaries(Binaries binaries) {
    return new RepoConfig(
        name, type, upstream, projects, versions, areas, binaries, curation, archive);
  }

  /** This repository with {@code curation} instead. */
  public RepoConfig withCuration(Curation curation) {
    return new RepoConfig(
        name, type, upstream, projects, versions, areas, binaries, curation, archive);
  }

  /** This repository with {@code archive} instead. */
  public RepoConfig withArchive(boolean archive) {
    return new RepoConfig(
        name, type, upstream, projects, versions, areas, binaries, curation, archive);
  }

  /** Whether {@code projects: all}: the projects are those upstream lists. */
  public boolean allProjects() {
    return projects.equals(ALL_PROJECTS);
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
