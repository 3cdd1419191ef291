package dev.tintype.format.pypi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A project name as PEP 508 allows it, and its PEP 503 normalized form. Validated here because
 * names become directory names and URLs of a snapshot. The normalized form is computed once:
 * sorting and looking up a hundred thousand projects asks for it millions of times.
 */
public record ProjectName(String name, String normalized) {
  private static final Pattern VALID =
      Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
  static final int MAX_LENGTH = 200;

  public ProjectName(String name) {
    this(name, name == null ? null : normalize(name));
  }

  public ProjectName {
    if (name == null) {
      throw new IllegalArgumentException("project name: expected a PEP 508 name, found null");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "project name '"
              + Checks.printable(name.substring(0, 40))
              + "...': expected at most "
              + MAX_LENGTH
              + " characters, found "
              + name.length());
    }
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "project name '"
              + Checks.printable(name)
              + "': expected a PEP 508 name (ASCII letters, digits, '.', '_', '-', starting and"
              + " ending with a letter or digit)");
    }
    if (!normalize(name).equals(normalized)) {
      throw new IllegalArgumentException(
          "project name '" + name + "': normalized form '" + normalized + "' is not PEP 503's");
    }
  }

  /** PEP 503: runs of {@code -_.} become one {@code -}, then lower case. */
  public static String normalize(String name) {
    // A loop, not a regular expression: every project of every sync goes through it.
    StringBuilder out = new StringBuilder(name.length());
    boolean separator = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        separator = true;
        continue;
      }
      if (separator) {
        out.append('-');
        separator = false;
      }
      out.append(c);
    }
    if (separator) {
      out.append('-');
    }
    String normalized = out.toString().toLowerCase(Locale.ROOT);
    // The name itself where it is already normalized, as most are: one string per project, not
    // two, in every map of a hundred thousand projects.
    return normalized.equals(name) ? name : normalized;
  }
}
