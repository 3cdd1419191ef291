package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tintype.format.layout.RepoName;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of {@code repos:}. Every error names the file and the key. */
final class RepoReader {
  private static final Pattern BIOC_VERSION = Pattern.compile("[0-9]+\\.[0-9]+");

  private final ConfigLoader loader;
  private final Path base;

  RepoReader(ConfigLoader loader, Path base) {
    this.loader = loader;
    this.base = base;
  }

  RepoConfig repo(JsonNode node, String where) throws ConfigException {
    Set<String> keys =
        new HashSet<>(
            Set.of(
                "name",
                "type",
                "upstream",
                "path",
                "projects",
                "versions",
                "areas",
                "binaries",
                "archive"));
    keys.addAll(CurationReader.KEYS);
    loader.object(node, where, keys);
    String nameText = loader.text(loader.required(node, "name", where + "."), where + ".name");
    RepoName name;
    try {
      name = new RepoName(nameText);
    } catch (IllegalArgumentException e) {
      throw error(where + ".name: " + e.getMessage());
    }
    String typeText = loader.text(loader.required(node, "type", where + "."), where + ".type");
    RepoType type =
        RepoType.parse(typeText)
            .orElseThrow(
                () ->
                    error(
                        "%s.type '%s' is not one of: %s"
                            .formatted(where, typeText, RepoType.ids())));
    URI upstream = type.isLocal() ? localPath(node, where, type) : upstream(node, where, type);
    List<String> projects = projects(node, where, type);
    if (type == RepoType.PYPI
        && projects.isEmpty()
        && !node.has("requirements")
        && !node.has("requirements-file")) {
      throw error(
          where
              + ".projects is required for type pypi (a list of names, or all for every project"
              + " upstream lists: full PyPI is tens of TB), or requirements");
    }
    List<String> versions = only(node, where, "versions", type, RepoType.BIOCONDUCTOR);
    List<String> areas = only(node, where, "areas", type, RepoType.BIOCONDUCTOR);
    if (type == RepoType.BIOCONDUCTOR) {
      if (versions.isEmpty()) {
        throw error(
            where
                + ".versions is required for type bioconductor: the releases to mirror, [\"3.20\"]");
      }
      for (int i = 0; i < versions.size(); i++) {
        if (!BIOC_VERSION.matcher(versions.get(i)).matches()) {
          throw error(
              "%s.versions[%d] '%s' is not a Bioconductor release such as 3.20"
                  .formatted(where, i, versions.get(i)));
        }
      }
      for (int i = 0; i < areas.size(); i++) {
        if (!RepoConfig.BIOC_AREAS.contains(areas.get(i))) {
          throw error(
              "%s.areas[%d] '%s' is not one of %s"
                  .formatted(where, i, areas.get(i), RepoConfig.BIOC_AREAS));
        }
      }
      if (areas.isEmpty()) {
        areas = RepoConfig.BIOC_AREAS;
      }
    }
    Binaries binaries = Binaries.NONE;
    if (node.has("binaries")) {
      if (type != RepoType.CRAN) {
        throw error(where + ".binaries is only for type " + RepoType.CRAN.id());
      }
      binaries = new BinariesReader(loader).read(node.get("binaries"), where + ".binaries");
    }
    dev.tintype.curate.Curation curation = new CurationReader(loader, base).read(node, where, type);
    return new RepoConfig(
        name,
        type,
        upstream,
        projects,
        versions,
        areas,
        binaries,
        curation,
        archive(node, where, type, curation.isActive()));
  }

  /**
   * {@code archive:} (CRAN only): mirror src/contrib/Archive and Meta/*.rds. On by default, except
   * for a curated subset: the Archive is mirrored whole, which a subset does not want.
   */
  private boolean archive(JsonNode node, String where, RepoType type, boolean curated)
      throws ConfigException {
    if (!node.has("archive")) {
      return !curated;
    }
    if (type != RepoType.CRAN) {
      throw error(where + ".archive is only for type " + RepoType.CRAN.id());
    }
    if (!node.get("archive").isBoolean()) {
      throw error(where + ".archive must be true or false");
    }
    boolean on = node.get("archive").booleanValue();
    if (on && curated) {
      throw error(
          where
              + ".archive: true cannot be combined with a curated subset (packages:, block:) yet:"
              + " the Archive would be mirrored whole; leave archive out or set it to false");
    }
    return on;
  }

  private URI upstream(JsonNode node, String where, RepoType type) throws ConfigException {
    if (node.has("path")) {
      throw error(
          where
              + ".path is only for types local-r and local-python; "
              + type.id()
              + " takes an upstream");
    }
    String key = where + ".upstream";
    return loader.url(loader.text(loader.required(node, "upstream", where + "."), key), key);
  }

  private URI localPath(JsonNode node, String where, RepoType type) throws ConfigException {
    if (node.has("upstream")) {
      throw error(
          where + ".upstream is not for type " + type.id() + ": give its directory as path");
    }
    String key = where + ".path";
    Path dir = base.resolve(loader.text(loader.required(node, "path", where + "."), key));
    return dir.normalize().toUri();
  }

  /**
   * {@code projects:}: a list of names, or the scalar {@code all} ({@link
   * RepoConfig#ALL_PROJECTS}). "all" inside a list is refused: it reads as a mistake for the
   * scalar.
   */
  private List<String> projects(JsonNode node, String where, RepoType type) throws ConfigException {
    JsonNode p = node.get("projects");
    if (p != null && p.isTextual() && type == RepoType.PYPI) {
      if (!p.textValue().equals(RepoConfig.ALL)) {
        throw error(
            "%s.projects '%s' must be a list of project names, or all"
                .formatted(where, p.textValue()));
      }
      return RepoConfig.ALL_PROJECTS;
    }
    List<String> names = only(node, where, "projects", type, RepoType.PYPI);
    if (names.contains(RepoConfig.ALL)) {
      throw error(
          where
              + ".projects: 'all' cannot be mixed with project names; write projects: all (not a"
              + " list) for every project upstream lists");
    }
    return names;
  }

  /** A list of non-empty, distinct strings that only {@code owner} repositories may have. */
  private List<String> only(JsonNode node, String where, String key, RepoType type, RepoType owner)
      throws ConfigException {
    List<String> out = new ArrayList<>();
    if (!node.has(key)) {
      return out;
    }
    if (type != owner) {
      throw error(where + "." + key + " is only for type " + owner.id());
    }
    JsonNode list = node.get(key);
    if (!list.isArray()) {
      throw error(where + "." + key + " must be a list");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String v = loader.text(list.get(i), where + "." + key + "[" + i + "]");
      if (!seen.add(v)) {
        throw error("%s.%s[%d] '%s' repeats".formatted(where, key, i, v));
      }
      out.add(v);
    }
    return out;
  }

  private ConfigException error(String message) {
    return new ConfigException(loader.source() + ": " + message);
  }
}
