package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tintype.curate.PypiCuration;
import dev.tintype.curate.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a PyPI repository's curation keys. Every error names the file and the key. */
final class PypiCurationReader {
  private static final Pattern PYTHON = Pattern.compile("3\\.[0-9]{1,2}(\\.[0-9]{1,2})?");
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_]+");

  private final ConfigLoader loader;
  private final Path base;
  private final CurationReader lists;

  PypiCurationReader(ConfigLoader loader, Path base) {
    this.loader = loader;
    this.base = base;
    this.lists = new CurationReader(loader, base);
  }

  PypiCuration read(JsonNode node, String where, Set<String> rKeys) throws ConfigException {
    for (String key : rKeys) {
      if (node.has(key)) {
        throw error(where + "." + key + " is only for types cran and bioconductor");
      }
    }
    List<Requirement> requirements = new ArrayList<>();
    List<String> given = lists.strings(node, where, "requirements");
    for (int i = 0; i < given.size(); i++) {
      requirements.add(requirement(given.get(i), "%s.requirements[%d]".formatted(where, i)));
    }
    if (node.has("requirements-file")) {
      for (Map.Entry<String, String> line :
          lists.listFile(node, where, "requirements-file").entrySet()) {
        requirements.add(requirement(line.getValue(), line.getKey()));
      }
    }
    boolean any = !requirements.isEmpty();
    if (any && node.has("projects")) {
      throw error(
          where
              + ".projects and requirements exclude each other: list the projects as requirements,"
              + " or filter projects (all, or names) without requirements");
    }
    if (!any && !node.has("projects")) {
      for (String k :
          List.of(
              "python",
              "platforms",
              "prereleases",
              "latest",
              "max-file-size",
              "block",
              "block-licenses")) {
        if (node.has(k)) {
          throw error(where + "." + k + " needs requirements (or requirements-file) or projects");
        }
      }
      return PypiCuration.NONE;
    }
    List<String> pythons = lists.strings(node, where, "python");
    for (int i = 0; i < pythons.size(); i++) {
      if (!PYTHON.matcher(pythons.get(i)).matches()) {
        throw error(
            "%s.python[%d] '%s' is not a Python version such as 3.12"
                .formatted(where, i, pythons.get(i)));
      }
    }
    List<String> platforms = lists.strings(node, where, "platforms");
    for (int i = 0; i < platforms.size(); i++) {
      if (!PLATFORM.matcher(platforms.get(i)).matches()) {
        throw error(
            "%s.platforms[%d] '%s' is not a wheel platform tag such as manylinux_2_28_x86_64"
                .formatted(where, i, platforms.get(i)));
      }
    }
    // projects: mirrors what upstream has, so only requirements leave pre-releases out by default.
    boolean prereleases = !any;
    if (node.has("prereleases")) {
      if (!node.get("prereleases").isBoolean()) {
        throw error(where + ".prereleases must be true or false");
      }
      prereleases = node.get("prereleases").booleanValue();
    }
    int latest = 0;
    if (node.has("latest")) {
      JsonNode v = node.get("latest");
      if (!v.isInt() || v.intValue() < 1) {
        throw error(where + ".latest must be a whole number of at least 1");
      }
      latest = v.intValue();
    }
    long maxSize = 0;
    if (node.has("max-file-size")) {
      maxSize =
          new Values(loader.source()).size(node.get("max-file-size"), where + ".max-file-size", 1);
    }
    List<Requirement> block = new ArrayList<>();
    List<String> rules = lists.strings(node, where, "block");
    for (int i = 0; i < rules.size(); i++) {
      Requirement r = requirement(rules.get(i), "%s.block[%d]".formatted(where, i));
      if (!r.extras().isEmpty() || r.marker().isPresent()) {
        throw error(
            "%s.block[%d] '%s': a block is a name and a specifier, without extras or markers"
                .formatted(where, i, rules.get(i)));
      }
      block.add(r);
    }
    return new PypiCuration(
        requirements,
        pythons,
        platforms,
        prereleases,
        latest,
        maxSize,
        block,
        lists.strings(node, where, "block-licenses"));
  }

  private Requirement requirement(String text, String key) throws ConfigException {
    try {
      return Requirement.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(key + ": " + e.getMessage());
    }
  }

  private ConfigException error(String message) {
    return new ConfigException(loader.source() + ": " + message);
  }
}
