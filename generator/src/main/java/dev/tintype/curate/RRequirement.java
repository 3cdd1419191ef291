package dev.tintype.curate;

import dev.tintype.index.RVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an R dependency field ({@code Depends}, {@code Imports}, {@code LinkingTo}, {@code
 * Suggests}), or of a {@code block} rule: a package name and an optional version constraint, as in
 * {@code pkg (>= 1.2)}.
 */
public record RRequirement(String name, Optional<String> op, Optional<String> version) {
  // package_version's syntax; unlike a package's own Version, a constraint may be one number.
  private static final Pattern VERSION = Pattern.compile("[0-9]+([.-][0-9]+)*");
  private static final Pattern ENTRY =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9.]*)\\s*(?:\\(\\s*(<=|>=|==|!=|<|>)\\s*([0-9][0-9.-]*)\\s*\\))?");

  public RRequirement {
    if (op.isPresent() != version.isPresent()) {
      throw new IllegalArgumentException("an operator needs a version");
    }
  }

  /** One entry such as {@code "otherpkg (< 1.2)"}; an error says what was expected. */
  public static RRequirement parse(String text) {
    Matcher m = ENTRY.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an R package name with an optional constraint such as (< 1.2)");
    }
    if (m.group(2) == null) {
      return new RRequirement(m.group(1), Optional.empty(), Optional.empty());
    }
    String version = m.group(3).strip();
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("'" + m.group(3) + "' is not an R version such as 1.2-3");
    }
    return new RRequirement(m.group(1), Optional.of(m.group(2)), Optional.of(version));
  }

  /**
   * The entries of a dependency field; null or blank gives none. Entries R itself could not read
   * are skipped rather than failing the whole index: upstream fields are not ours to refuse here.
   */
  public static List<RRequirement> field(String value) {
    List<RRequirement> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",")) {
      String p = part.replaceAll("\\s+", " ").strip();
      if (p.isEmpty()) {
        continue;
      }
      try {
        out.add(parse(p));
      } catch (IllegalArgumentException e) {
        // R's own parser drops what it cannot read too (tools:::.split_dependencies).
      }
    }
    return out;
  }

  /** Whether {@code v} satisfies the constraint (always, without one). */
  public boolean matches(String v) {
    if (op.isEmpty()) {
      return true;
    }
    if (v == null || !VERSION.matcher(v.strip()).matches()) {
      return false;
    }
    int c = RVersion.compare(v, version.get());
    return switch (op.get()) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "==" -> c == 0;
      default -> c != 0;
    };
  }

  @Override
  public String toString() {
    return op.isEmpty() ? name : name + " (" + op.get() + " " + version.get() + ")";
  }
}
