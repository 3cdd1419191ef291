package dev.tintype.pypi;

import dev.tintype.format.pypi.ProjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every project upstream's root index lists, for {@code projects: all}: the names by normalized
 * name, and each one's {@code _last-serial} where the PEP 691 JSON list gives it (-1 where not, as
 * for every project of a PEP 503 HTML list). Read streaming; a name that is no valid project name
 * is refused, named to {@code refused}, and left out.
 */
record RootIndex(SortedMap<String, ProjectName> names, Map<String, Long> serials) {
  // PEP 503: one anchor per project, its text the project's name.
  private static final Pattern ANCHOR = Pattern.compile("<a\\b[^>]*>([^<]*)</a>");

  static RootIndex json(InputStream body, Consumer<String> refused) throws IOException {
    RootIndex out = new RootIndex(new TreeMap<>(), new HashMap<>());
    RootSerials.read(body, (name, serial) -> out.add(name, serial, refused));
    return out;
  }

  static RootIndex html(InputStream body, Consumer<String> refused) throws IOException {
    RootIndex out = new RootIndex(new TreeMap<>(), new HashMap<>());
    BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      Matcher m = ANCHOR.matcher(line);
      while (m.find()) {
        out.add(m.group(1).strip(), -1, refused);
      }
    }
    return out;
  }

  private void add(String name, long serial, Consumer<String> refused) {
    ProjectName n;
    try {
      n = new ProjectName(name);
    } catch (IllegalArgumentException e) {
      refused.accept(
          "upstream's project list names '" + name + "': " + e.getMessage() + "; left out");
      return;
    }
    names.putIfAbsent(n.normalized(), n);
    serials.merge(n.normalized(), serial, Math::max);
  }

  /** Whether no project has a serial, so that each page must be read to know what changed. */
  boolean withoutSerials() {
    return serials.values().stream().allMatch(s -> s < 0);
  }
}
