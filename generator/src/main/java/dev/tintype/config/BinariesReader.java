package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a CRAN repository's {@code binaries:}. Every error names the key. */
final class BinariesReader {
  private final ConfigLoader loader;

  BinariesReader(ConfigLoader loader) {
    this.loader = loader;
  }

  Binaries read(JsonNode node, String where) throws ConfigException {
    loader.object(node, where, Set.of("windows", "macos"));
    List<String> windows =
        node.has("windows") ? versions(node.get("windows"), where + ".windows") : List.of();
    Map<String, List<String>> macos = new LinkedHashMap<>();
    if (node.has("macos")) {
      JsonNode mac = node.get("macos");
      String at = where + ".macos";
      if (!mac.isObject()) {
        throw error(
            at + " must map macOS flavors to R versions, such as {big-sur-arm64: [\"4.5\"]}");
      }
      for (Iterator<String> it = mac.fieldNames(); it.hasNext(); ) {
        String flavor = it.next();
        if (!Binaries.MACOS_FLAVORS.contains(flavor)) {
          throw error(
              "%s.%s is not a macOS flavor CRAN publishes; expected one of %s"
                  .formatted(at, flavor, new TreeSet<>(Binaries.MACOS_FLAVORS)));
        }
        macos.put(flavor, versions(mac.get(flavor), at + "." + flavor));
      }
    }
    return new Binaries(windows, macos);
  }

  private List<String> versions(JsonNode list, String key) throws ConfigException {
    if (!list.isArray()) {
      throw error(key + " must be a list of R minor versions, such as [\"4.4\", \"4.5\"]");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = key + "[" + i + "]";
      JsonNode v = list.get(i);
      if (!v.isTextual()) {
        // YAML reads 4.10 as the number 4.1: only a quoted string says what was meant.
        throw error(at + " must be a quoted string such as \"4.4\", got " + v);
      }
      String s = v.asText();
      if (!Binaries.R_MINOR.matcher(s).matches()) {
        throw error("%s '%s' is not an R minor version such as \"4.4\"".formatted(at, s));
      }
      if (!seen.add(s)) {
        throw error("%s '%s' repeats".formatted(at, s));
      }
      out.add(s);
    }
    return out;
  }

  private ConfigException error(String message) {
    return new ConfigException(loader.source() + ": " + message);
  }
}
