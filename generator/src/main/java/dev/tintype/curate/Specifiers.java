package dev.tintype.curate;

import dev.tintype.format.pypi.Pep440;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version specifier set ({@code >=2.31,!=2.32.0,<3}), matched as the {@code packaging}
 * library matches it. Pre-releases are not its concern: {@link PyClosure} drops them by config.
 */
public record Specifiers(String text, List<Clause> clauses) {
  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(===|==|!=|~=|<=|>=|<|>)\\s*([^\\s,;]+)\\s*");

  /** One clause: an operator and its version ({@code *} wildcard kept in {@code version}). */
  public record Clause(String op, String version) {}

  public Specifiers {
    clauses = List.copyOf(clauses);
  }

  public static final Specifiers ANY = new Specifiers("", List.of());

  /** Parses a comma-separated specifier set; blank is {@link #ANY}. */
  public static Specifiers parse(String text) {
    if (text == null || text.isBlank()) {
      return ANY;
    }
    List<Clause> out = new ArrayList<>();
    for (String part : text.split(",")) {
      Matcher m = CLAUSE.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not a PEP 440 specifier");
      }
      String v = m.group(2);
      String bare = v.endsWith(".*") ? v.substring(0, v.length() - 2) : v;
      if (!m.group(1).equals("===") && Pep440.parse(bare).isEmpty()) {
        throw new IllegalArgumentException(
            "'" + v + "' in '" + part.strip() + "' is not a version");
      }
      if (v.endsWith(".*") && !m.group(1).equals("==") && !m.group(1).equals("!=")) {
        throw new IllegalArgumentException("'" + part.strip() + "': only == and != take .*");
      }
      out.add(new Clause(m.group(1), v));
    }
    return new Specifiers(text.strip(), out);
  }

  /** Whether {@code version} satisfies every clause (an unparseable version only {@code ===}). */
  public boolean matches(String version) {
    Optional<Pep440> parsed = Pep440.parse(version);
    for (Clause c : clauses) {
      if (c.op().equals("===")) {
        if (!c.version().equalsIgnoreCase(version.strip())) {
          return false;
        }
      } else if (parsed.isEmpty() || !matches(c, parsed.get())) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Clause c, Pep440 v) {
    String spec = c.version();
    if (spec.endsWith(".*")) {
      boolean prefix = prefixMatches(Pep440.parse(spec.substring(0, spec.length() - 2)).get(), v);
      return c.op().equals("==") == prefix;
    }
    Pep440 s = Pep440.parse(spec).get();
    Pep440 pub = s.hasLocal() ? v : v.withoutLocal();
    return switch (c.op()) {
      case "==" -> pub.compareTo(s) == 0;
      case "!=" -> pub.compareTo(s) != 0;
      case "<=" -> v.withoutLocal().compareTo(s) <= 0;
      case ">=" -> v.withoutLocal().compareTo(s) >= 0;
      // < excludes pre-releases of the version it names, > its post-releases (PEP 440).
      case "<" ->
          v.withoutLocal().compareTo(s) < 0
              && (s.isPrerelease()
                  || !v.isPrerelease()
                  || v.baseVersion().compareTo(s.baseVersion()) != 0);
      case ">" ->
          v.withoutLocal().compareTo(s) > 0
              && (s.isPostrelease()
                  || !v.isPostrelease()
                  || v.baseVersion().compareTo(s.baseVersion()) != 0);
      default -> compatible(s, v);
    };
  }

  /** {@code ~=V}: at least V, and the same release but for V's last segment. */
  private static boolean compatible(Pep440 s, Pep440 v) {
    if (v.withoutLocal().compareTo(s) < 0 || s.release().size() < 2) {
      return false;
    }
    List<BigInteger> head = s.release().subList(0, s.release().size() - 1);
    return v.epoch().equals(s.epoch()) && startsWith(v.release(), head);
  }

  private static boolean prefixMatches(Pep440 prefix, Pep440 v) {
    return v.epoch().equals(prefix.epoch()) && startsWith(v.release(), prefix.release());
  }

  private static boolean startsWith(List<BigInteger> release, List<BigInteger> prefix) {
    for (int i = 0; i < prefix.size(); i++) {
      BigInteger x = i < release.size() ? release.get(i) : BigInteger.ZERO;
      if (!x.equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
