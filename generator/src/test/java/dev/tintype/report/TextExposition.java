package dev.tintype.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format (version 0.0.4), for tests: it refuses
 * anything the published grammar does not allow, and more (a comment that is neither HELP nor TYPE,
 * a metric whose samples are not together, a TYPE after its samples, a repeated series).
 */
final class TextExposition {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
  private static final String VALUE = "\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"";
  private static final String FLOAT =
      "[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Inf)|NaN";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "("
              + NAME
              + ")(?:\\{((?:"
              + LABEL
              + "="
              + VALUE
              + ",?)*)\\})? ("
              + FLOAT
              + ")(?: -?[0-9]+)?");
  private static final Pattern PAIR = Pattern.compile("(" + LABEL + ")=" + VALUE + "(,|$)");

  /**
   * Each metric's samples, by the value of label {@code repo}, else of label {@code command}, else
   * "" (a series without labels).
   */
  record Parsed(
      Map<String, String> types,
      Map<String, String> help,
      Map<String, Map<String, Double>> samples) {}

  private TextExposition() {}

  static Parsed parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line does not end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, Map<String, Double>> samples = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>();
    Set<String> seen = new HashSet<>();
    String current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty() && n == text.split("\n", -1).length) {
        break;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (help.put(m.group(1), m.group(2)) != null) {
          throw bad(n, line, "second HELP");
        }
        if (m.group(2).matches(".*\\\\[^\\\\n].*")) {
          throw bad(n, line, "bad escape in HELP");
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (types.put(m.group(1), m.group(2)) != null || samples.containsKey(m.group(1))) {
          throw bad(n, line, "TYPE repeated or after the metric's samples");
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        if (!name.equals(current)) {
          if (current != null) {
            closed.add(current);
          }
          if (closed.contains(name)) {
            throw bad(n, line, "samples of " + name + " are not together");
          }
          current = name;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null && !m.group(2).isEmpty()) {
          Matcher p = PAIR.matcher(m.group(2));
          int at = 0;
          while (p.find() && p.start() == at) {
            if (labels.put(p.group(1), unescape(p.group(2))) != null) {
              throw bad(n, line, "repeated label");
            }
            at = p.end();
          }
          if (at != m.group(2).length() || m.group(2).endsWith(",")) {
            throw bad(n, line, "bad label list");
          }
        }
        String key = labels.getOrDefault("repo", labels.getOrDefault("command", ""));
        double v = Double.parseDouble(m.group(m.groupCount()).replace("Inf", "Infinity"));
        if (!seen.add(name + new java.util.TreeMap<>(labels))) {
          throw bad(n, line, "repeated series");
        }
        samples.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(key, v);
      } else {
        throw bad(n, line, "neither HELP, TYPE nor a sample");
      }
    }
    return new Parsed(types, help, samples);
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        char e = s.charAt(++i);
        b.append(e == 'n' ? '\n' : e);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static IllegalArgumentException bad(int n, String line, String why) {
    return new IllegalArgumentException("line " + n + ": " + why + ": " + line);
  }
}
