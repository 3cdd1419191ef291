package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes ({@code 1024}, {@code 64K}, {@code 1G}) and durations ({@code 30s}, {@code 6h}). */
final class Values {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([KMG]?)(IB|B)?");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smh])");

  private final String source;

  Values(String source) {
    this.source = source;
  }

  /** Bytes: a whole number, or one with a binary K, M or G suffix. */
  long size(JsonNode v, String key, long min) throws ConfigException {
    long bytes = -1;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      bytes = v.longValue();
    } else if (v.isTextual()) {
      Matcher m = SIZE.matcher(v.asText().strip().toUpperCase(Locale.ROOT));
      if (m.matches()) {
        int shift =
            switch (m.group(2)) {
              case "K" -> 10;
              case "M" -> 20;
              case "G" -> 30;
              default -> 0;
            };
        long n = Long.parseLong(m.group(1));
        bytes = n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
      }
    }
    if (bytes < min) {
      throw new ConfigException(
          "%s: %s '%s' must be a size of at least %d bytes: a whole number of bytes or one with K, M or G (e.g. 64M)"
              .formatted(source, key, v.asText(), min));
    }
    return bytes;
  }

  /** A duration such as 30s, 90m or 6h, at least {@code min}. */
  Duration duration(JsonNode v, String key, Duration min) throws ConfigException {
    Matcher m =
        v.isTextual() ? DURATION.matcher(v.asText().strip().toLowerCase(Locale.ROOT)) : null;
    Duration d = null;
    if (m != null && m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    }
    if (d == null || d.compareTo(min) < 0) {
      throw new ConfigException(
          "%s: %s '%s' must be a duration of at least %ds, written like 30s, 90m or 6h"
              .formatted(source, key, v.asText(), min.toSeconds()));
    }
    return d;
  }
}
