package dev.tintype.curate;

import dev.tintype.format.pypi.ProjectName;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 508 dependency specification without a URL: {@code name[extra1,extra2] (>=1.0,<2); marker}.
 * Parentheses around the specifier are optional.
 */
public record Requirement(
    String name, List<String> extras, Specifiers specifiers, Optional<Marker> marker) {
  private static final Pattern PEP508 =
      Pattern.compile(
          "\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[([^\\]]*)\\])?\\s*"
              + "(?:\\(([^)]*)\\)|([^;(@]*?))\\s*(?:;(.*))?");

  public Requirement {
    extras = List.copyOf(extras);
  }

  public static Requirement parse(String text) {
    if (text.contains("@") && !text.substring(0, text.indexOf('@')).contains(";")) {
      throw new IllegalArgumentException(
          "'" + text + "': direct URL requirements are not mirrored");
    }
    Matcher m = PEP508.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a PEP 508 requirement");
    }
    TreeSet<String> extras = new TreeSet<>();
    if (m.group(2) != null) {
      for (String e : m.group(2).split(",")) {
        if (!e.isBlank()) {
          extras.add(normalize(e.strip()));
        }
      }
    }
    String spec = m.group(3) != null ? m.group(3) : m.group(4);
    Specifiers s;
    try {
      s = Specifiers.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
    Optional<Marker> marker =
        m.group(5) == null || m.group(5).isBlank()
            ? Optional.empty()
            : Optional.of(Marker.parse(m.group(5)));
    return new Requirement(m.group(1), List.copyOf(extras), s, marker);
  }

  /** The PEP 503 normalized project name. */
  public String normalized() {
    return new ProjectName(name).normalized();
  }

  static String normalize(String name) {
    return ProjectName.normalize(name);
  }

  @Override
  public String toString() {
    return name
        + (extras.isEmpty() ? "" : "[" + String.join(",", extras) + "]")
        + specifiers
        + marker.map(x -> "; " + x).orElse("");
  }
}
