package dev.tintype.fetch;

import java.time.Duration;

/** Durations as the config writes them: {@code 30s}, {@code 90m}, {@code 6h}. */
final class Durations {
  private Durations() {}

  static String format(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0 || s == 0) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
