package dev.tintype.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus textfile-collector file of a run's per-repository numbers, replaced atomically so
 * that node_exporter never reads half of one. The last success of a repository that failed this
 * time is carried forward from the file it replaces.
 */
public final class MetricsFile {
  static final String LAST_SUCCESS = "tintype_last_success_timestamp_seconds";

  private record Metric(String name, String type, String help) {}

  private static final Metric[] METRICS = {
    new Metric(
        LAST_SUCCESS, "gauge", "When the repository last synced without failing (Unix time)."),
    new Metric(
        "tintype_last_run_timestamp_seconds", "gauge", "When the repository's last run ended."),
    new Metric("tintype_last_run_duration_seconds", "gauge", "How long the last run took."),
    new Metric("tintype_last_run_downloaded_bytes", "gauge", "Bytes downloaded by the last run."),
    new Metric("tintype_last_run_downloaded_files", "gauge", "Files downloaded by the last run."),
    new Metric("tintype_packages", "gauge", "Packages in the last published snapshot."),
    new Metric(
        "tintype_last_run_failures", "gauge", "Failures of the last run (0 when it succeeded)."),
    new Metric(
        "tintype_pool_files", "gauge", "Pool files the repository's last snapshot references."),
    new Metric(
        "tintype_pool_bytes", "gauge", "Size of the pool files the last snapshot references."),
  };

  private static final Pattern SUCCESS_LINE =
      Pattern.compile(
          "^" + LAST_SUCCESS + "\\{repo=\"((?:[^\"\\\\]|\\\\.)*)\"\\} (\\S+)$", Pattern.MULTILINE);

  private MetricsFile() {}

  /** Writes {@code report}'s metrics to {@code file}, keeping earlier last-success times. */
  public static void write(Path file, RunReport report) throws IOException {
    Map<String, Double> lastSuccess = previousSuccesses(file);
    String text = render(report, lastSuccess);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not POSIX: the default permissions stand
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The last-success times the current file holds, by repository; empty if there is none. */
  static Map<String, Double> previousSuccesses(Path file) throws IOException {
    Map<String, Double> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Matcher m = SUCCESS_LINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      try {
        out.put(unescape(m.group(1)), Double.parseDouble(m.group(2)));
      } catch (NumberFormatException e) {
        // a hand-edited file: that repository's last success is unknown
      }
    }
    return out;
  }

  static String render(RunReport report, Map<String, Double> previousSuccess) {
    double end = seconds(Instant.parse(report.end()));
    Map<String, double[]> rows = new TreeMap<>();
    for (RunReport.Repo r : report.repos()) {
      boolean ok = r.succeeded();
      double success = ok ? end : previousSuccess.getOrDefault(r.repo(), Double.NaN);
      // A failed run knows nothing new of the snapshot: leave those series out, not at 0.
      double nan = Double.NaN;
      rows.put(
          r.repo(),
          new double[] {
            success,
            end,
            r.seconds(),
            r.bytesDownloaded(),
            r.downloaded(),
            ok ? r.packages() : nan,
            r.failures().size(),
            ok ? r.files() : nan,
            ok ? r.bytesStored() : nan
          });
    }
    // Repositories this run did not touch (--repo) keep their last success.
    previousSuccess.forEach(
        (repo, t) -> {
          if (!rows.containsKey(repo)) {
            double[] row = new double[METRICS.length];
            java.util.Arrays.fill(row, Double.NaN);
            row[0] = t;
            rows.put(repo, row);
          }
        });
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < METRICS.length; i++) {
      Metric m = METRICS[i];
      b.append("# HELP ").append(m.name()).append(' ').append(m.help()).append('\n');
      b.append("# TYPE ").append(m.name()).append(' ').append(m.type()).append('\n');
      for (Map.Entry<String, double[]> e : rows.entrySet()) {
        double v = e.getValue()[i];
        if (!Double.isNaN(v)) {
          b.append(m.name())
              .append("{repo=\"")
              .append(escape(e.getKey()))
              .append("\"} ")
              .append(number(v))
              .append('\n');
        }
      }
    }
    return b.toString();
  }

  private static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** A label value as the text exposition format writes it. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
