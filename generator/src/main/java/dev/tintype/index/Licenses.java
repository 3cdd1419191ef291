package dev.tintype.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The License of an index record as {@code tools::write_PACKAGES} writes it: R's {@code
 * tools:::analyze_license(x)$standardization}, so a spec R cannot standardize becomes NA (empty).
 * The license table is R 4.2.2's, in {@code licenses.txt} beside this class.
 */
final class Licenses {
  private static final String SPACE = "\\p{Space}";
  // R's .standard_regexps()$valid_numeric_version.
  private static final Pattern VERSION =
      Pattern.compile("[" + SPACE + "]*((\\p{Digit}+[.-])*\\p{Digit}+)");
  private static final Pattern PLUS = Pattern.compile("[" + SPACE + "]*\\+[" + SPACE + "]*");
  private static final Pattern OPEN = Pattern.compile("[" + SPACE + "]*\\([" + SPACE + "]*");
  private static final Pattern CLOSE = Pattern.compile("[" + SPACE + "]*\\)");
  private static final Pattern COMMA = Pattern.compile("[" + SPACE + "]*,[" + SPACE + "]*");
  private static final Pattern OPERATOR = Pattern.compile("[" + SPACE + "]+(<=?|>=?|==|!=)");

  private static final Pattern CANONICAL;
  private static final Map<String, String> STANDARDIZABLE = new HashMap<>();

  static {
    String regex = null;
    try (InputStream in = Licenses.class.getResourceAsStream("licenses.txt")) {
      if (in == null) {
        throw new IllegalStateException("licenses.txt is missing beside " + Licenses.class);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        if (regex == null) {
          regex = line;
          continue;
        }
        int tab = line.indexOf('\t');
        STANDARDIZABLE.put(line.substring(0, tab), line.substring(tab + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading licenses.txt", e);
    }
    CANONICAL = Pattern.compile(javaRegex(regex));
  }

  private Licenses() {}

  /** The standardized license, or empty where R writes NA. */
  static Optional<String> standardize(String license) {
    if (license == null) {
      return Optional.empty();
    }
    String x = trimws(license);
    if (x.isEmpty()) {
      return Optional.empty();
    }
    String[] components = PLUS.matcher(x).replaceAll(" + ").split("\\|");
    boolean canonical = true;
    boolean allStandardizable = true;
    boolean[] ok = new boolean[components.length];
    for (int i = 0; i < components.length; i++) {
      components[i] = trimws(components[i]);
      ok[i] = CANONICAL.matcher(components[i]).find();
      canonical &= ok[i];
      allStandardizable &= STANDARDIZABLE.containsKey(components[i]);
    }
    if (!canonical && !allStandardizable) {
      return Optional.empty();
    }
    for (int i = 0; i < components.length; i++) {
      if (!ok[i]) {
        components[i] = STANDARDIZABLE.get(components[i]);
      } else if (components[i].contains("(")) {
        String s = OPEN.matcher(components[i]).replaceFirst(" (");
        s = CLOSE.matcher(s).replaceFirst(")");
        s = COMMA.matcher(s).replaceAll(", ");
        s = OPERATOR.matcher(s).replaceAll(" $1");
        components[i] = VERSION.matcher(s).replaceAll(" $1");
      }
    }
    return Optional.of(String.join(" | ", components));
  }

  /** R's {@code trimws()}: strips [ \t\r\n] at both ends. */
  private static String trimws(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && " \t\r\n".indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && " \t\r\n".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /** R's POSIX classes in Java syntax; the rest of R's table regex is the same in both. */
  static String javaRegex(String r) {
    return r.replace("[:space:]", "\\p{Space}").replace("[:digit:]", "\\p{Digit}");
  }
}
