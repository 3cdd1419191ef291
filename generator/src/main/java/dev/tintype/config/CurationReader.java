package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tintype.curate.Curation;
import dev.tintype.curate.RRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a repository's curation keys ({@code packages}, {@code packages-file}, {@code suggests},
 * {@code block}). Every error names the file and the key.
 */
final class CurationReader {
  private static final Set<String> R_KEYS = Set.of("packages", "packages-file", "suggests");
  private static final Set<String> PYPI_KEYS =
      Set.of(
          "requirements",
          "requirements-file",
          "python",
          "platforms",
          "prereleases",
          "latest",
          "max-file-size",
          "block-licenses");

  /** The keys this reader owns, for the repository's allowed set. */
  static final Set<String> KEYS = union(Set.of("block"), R_KEYS, PYPI_KEYS);

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new java.util.HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }

  private static final Pattern R_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]");

  private final ConfigLoader loader;
  private final Path base;

  CurationReader(ConfigLoader loader, Path base) {
    this.loader = loader;
    this.base = base;
  }

  Curation read(JsonNode node, String where, RepoType type) throws ConfigException {
    boolean any = KEYS.stream().anyMatch(node::has);
    if (!any) {
      return Curation.NONE;
    }
    if (type == RepoType.PYPI) {
      return Curation.pypi(new PypiCurationReader(loader, base).read(node, where, R_KEYS));
    }
    if (type != RepoType.CRAN && type != RepoType.BIOCONDUCTOR) {
      String key = KEYS.stream().filter(node::has).sorted().findFirst().orElseThrow();
      throw error(where + "." + key + " is only for types cran, bioconductor and pypi");
    }
    for (String key : PYPI_KEYS) {
      if (node.has(key)) {
        throw error(where + "." + key + " is only for type pypi");
      }
    }
    Set<String> packages = new LinkedHashSet<>();
    for (String s : strings(node, where, "packages")) {
      packages.add(rName(s, where + ".packages: "));
    }
    if (node.has("packages-file")) {
      String key = where + ".packages-file";
      Map<String, String> lines = listFile(node, where, "packages-file");
      for (Map.Entry<String, String> line : lines.entrySet()) {
        packages.add(rName(line.getValue(), line.getKey() + ": "));
      }
      if (packages.isEmpty()) {
        throw error(key + " names no package; leave the key out to mirror all");
      }
    }
    boolean suggests = false;
    if (node.has("suggests")) {
      if (!node.get("suggests").isBoolean()) {
        throw error(where + ".suggests must be true or false");
      }
      suggests = node.get("suggests").booleanValue();
    }
    List<RRequirement> block = new ArrayList<>();
    List<String> rules = strings(node, where, "block");
    for (int i = 0; i < rules.size(); i++) {
      try {
        block.add(RRequirement.parse(rules.get(i)));
      } catch (IllegalArgumentException e) {
        throw error("%s.block[%d]: %s".formatted(where, i, e.getMessage()));
      }
    }
    return new Curation(List.copyOf(packages), suggests, block);
  }

  /**
   * The entries of a list file that {@code key} names (relative to the config file): one a line,
   * {@code #} starting a comment, blank lines skipped; by where each is ("key file:line").
   */
  Map<String, String> listFile(JsonNode node, String where, String key) throws ConfigException {
    String k = where + "." + key;
    Path file = base.resolve(loader.text(node.get(key), k));
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw error(k + ": cannot read " + file + ": " + e);
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String entry = (hash < 0 ? line : line.substring(0, hash)).strip();
      if (!entry.isEmpty()) {
        out.put(k + " " + file + ":" + (i + 1), entry);
      }
    }
    return out;
  }

  private String rName(String s, String where) throws ConfigException {
    if (!R_NAME.matcher(s).matches()) {
      throw error(where + "'" + s + "' is not an R package name");
    }
    return s;
  }

  List<String> strings(JsonNode node, String where, String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    if (!node.has(key)) {
      return out;
    }
    JsonNode list = node.get(key);
    if (!list.isArray()) {
      throw error(where + "." + key + " must be a list");
    }
    for (int i = 0; i < list.size(); i++) {
      out.add(loader.text(list.get(i), where + "." + key + "[" + i + "]"));
    }
    return out;
  }

  private ConfigException error(String message) {
    return new ConfigException(loader.source() + ": " + message);
  }
}
