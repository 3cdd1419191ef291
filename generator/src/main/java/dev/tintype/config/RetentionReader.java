package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.gc.RetentionPolicy;
import java.util.HashSet;
import java.util.Set;

/** Reads {@code retention:}. Every error names the file and the key. */
final class RetentionReader {
  private static final Set<String> RULES = Set.of("daily", "weekly", "monthly");
  private static final String RUN_REPORTS = "run-reports";
  private static final java.util.regex.Pattern DAYS = java.util.regex.Pattern.compile("([0-9]+)d");

  private final ConfigLoader loader;

  RetentionReader(ConfigLoader loader) {
    this.loader = loader;
  }

  RetentionPolicy read(JsonNode node) throws ConfigException {
    loader.object(node, "retention", Set.of("daily", "weekly", "monthly", "keep", RUN_REPORTS));
    boolean anyRule = false;
    for (String rule : RULES) {
      anyRule |= node.has(rule);
    }
    if (!anyRule) {
      // An empty block would keep only latest and the pins: more likely a mistake than a wish.
      throw error(
          "retention needs at least one of daily, weekly, monthly (each 'all' or a whole number)");
    }
    Set<SnapshotDate> pinned = new HashSet<>();
    JsonNode keep = node.get("keep");
    if (keep != null) {
      if (!keep.isArray()) {
        throw error("retention.keep must be a list of dates YYYY-MM-DD, found '" + keep + "'");
      }
      for (int i = 0; i < keep.size(); i++) {
        JsonNode d = keep.get(i);
        String where = "retention.keep[" + i + "]";
        if (!d.isTextual()) {
          throw error(where + " must be a date YYYY-MM-DD, found '" + d + "'");
        }
        try {
          pinned.add(SnapshotDate.parse(d.asText()));
        } catch (IllegalArgumentException e) {
          throw error(
              where + " must be a date YYYY-MM-DD, found '" + d.asText() + "': " + e.getMessage());
        }
      }
    }
    return new RetentionPolicy(
        count(node, "daily"),
        count(node, "weekly"),
        count(node, "monthly"),
        pinned,
        runReportDays(node));
  }

  /** {@code all}, or a number of days such as {@code 90d}; absent, the default. */
  private int runReportDays(JsonNode node) throws ConfigException {
    JsonNode v = node.get(RUN_REPORTS);
    if (v == null) {
      return RetentionPolicy.RUN_REPORT_DAYS;
    }
    String text = v.isTextual() ? v.asText().strip() : "";
    if (text.equals("all")) {
      return RetentionPolicy.ALL;
    }
    java.util.regex.Matcher m = DAYS.matcher(text);
    if (m.matches()) {
      try {
        int days = Integer.parseInt(m.group(1));
        if (days >= 1) {
          return days;
        }
      } catch (NumberFormatException e) {
        // too many digits: refused below
      }
    }
    throw error(
        "retention."
            + RUN_REPORTS
            + " must be a number of days of at least 1 such as '90d', or 'all', found '"
            + (v.isTextual() ? v.asText() : v.toString())
            + "'");
  }

  /** {@code all}, or a whole number; an absent rule keeps nothing. */
  private int count(JsonNode node, String rule) throws ConfigException {
    JsonNode v = node.get(rule);
    if (v == null) {
      return 0;
    }
    if (v.isTextual() && v.asText().strip().equals("all")) {
      return RetentionPolicy.ALL;
    }
    if (v.isInt() && v.intValue() >= 0) {
      return v.intValue();
    }
    throw error(
        "retention." + rule + " must be 'all' or a whole number 0 or more, found '" + v + "'");
  }

  private ConfigException error(String message) {
    return new ConfigException(loader.source() + ": " + message);
  }
}
