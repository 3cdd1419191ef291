package dev.tintype.bench;

/**
 * One line of the results table: what tintype did, what the reference did in the same run, the
 * ratio that the target is about, and whether it was met.
 */
record Figure(
    String benchmark, String tintype, String reference, String ratio, String target, Verdict met) {

  enum Verdict {
    MET,
    MISSED,
    INFO,
    SKIPPED;

    static Verdict of(boolean ok) {
      return ok ? MET : MISSED;
    }
  }

  static Figure skipped(String benchmark, String why) {
    return new Figure(benchmark, "-", "-", "-", why, Verdict.SKIPPED);
  }

  static String seconds(double s) {
    return String.format(java.util.Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  static String times(double x) {
    return String.format(java.util.Locale.ROOT, x < 10 ? "%.2f×" : "%.1f×", x);
  }

  static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.2f %%", fraction * 100);
  }
}
