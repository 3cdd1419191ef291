package dev.tintype.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus textfile-collector file of a run's numbers, replaced atomically so that
 * node_exporter never reads half of one. Every command writes the series it knows and carries every
 * other series of the file it replaces forward unchanged, so that one file serves sync, gc, import
 * and export: a gc keeps the sync's per-repository series, a failed sync keeps the last success and
 * the package count of the snapshot that is still published.
 */
public final class MetricsFile {
  static final String LAST_SUCCESS = "tintype_last_success_timestamp_seconds";

  private record Metric(String name, String help) {}

  private static final Metric[] METRICS = {
    new Metric(LAST_SUCCESS, "When the repository last synced without failing (Unix time)."),
    new Metric("tintype_last_run_timestamp_seconds", "When the repository's last run ended."),
    new Metric("tintype_last_run_duration_seconds", "How long the last run took."),
    new Metric("tintype_last_run_downloaded_bytes", "Bytes downloaded by the last run."),
    new Metric("tintype_last_run_downloaded_files", "Files downloaded by the last run."),
    new Metric("tintype_packages", "Packages in the last published snapshot."),
    new Metric("tintype_last_run_failures", "Failures of the last run (0 when it succeeded)."),
    new Metric("tintype_pool_files", "Pool files the repository's last snapshot references."),
    new Metric("tintype_pool_bytes", "Size of the pool files the last snapshot references."),
    new Metric("tintype_snapshots", "Published snapshots of the repository on the storage."),
    new Metric("tintype_pool_total_files", "Files in the whole pool, as the last gc left it."),
    new Metric("tintype_pool_total_bytes", "Bytes of the whole pool, as the last gc left it."),
    new Metric("tintype_command_last_run_timestamp_seconds", "When the command last ended."),
    new Metric("tintype_command_last_run_duration_seconds", "How long the command last took."),
    new Metric("tintype_command_last_run_exit_status", "The exit status of its last run."),
    new Metric(
        "tintype_command_last_success_timestamp_seconds", "When the command last exited with 0."),
  };

  private static final Pattern SAMPLE =
      Pattern.compile(
          "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (\\S+)$",
          Pattern.MULTILINE);

  private MetricsFile() {}

  /** Writes {@code report}'s metrics to {@code file}, keeping the series it does not set. */
  public static void write(Path file, RunReport report) throws IOException {
    String text = render(report, previous(file));
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

  /**
   * The series of tintype's metrics the current file holds: by metric name, by label set as written
   * ({@code {repo="cran"}}, or empty), the value as written. Empty if there is no file; lines that
   * are not such a series (a hand edit) are dropped.
   */
  static Map<String, Map<String, String>> previous(Path file) throws IOException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Map<String, Metric> known = new LinkedHashMap<>();
    for (Metric m : METRICS) {
      known.put(m.name(), m);
    }
    Matcher m = SAMPLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      if (known.containsKey(m.group(1)) && isNumber(m.group(3))) {
        out.computeIfAbsent(m.group(1), k -> new TreeMap<>())
            .put(m.group(2) == null ? "" : m.group(2), m.group(3));
      }
    }
    return out;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String render(RunReport report, Map<String, Map<String, String>> previous) {
    Map<String, Map<String, String>> series = new TreeMap<>();
    previous.forEach((name, values) -> series.put(name, new TreeMap<>(values)));
    BiConsumer<String, Map.Entry<String, Double>> set =
        (name, labelled) ->
            series
                .computeIfAbsent(name, k -> new TreeMap<>())
                .put(labelled.getKey(), number(labelled.getValue()));
    double end = seconds(Instant.parse(report.end()));
    for (RunReport.Repo r : report.repos()) {
      String repo = label("repo", r.repo());
      // A failed run knows nothing new of the snapshot, nor an unchanged one (already published):
      // the series of the snapshot still published stay as they were.
      boolean published = r.status().equals("published");
      if (r.succeeded()) {
        set.accept(LAST_SUCCESS, Map.entry(repo, end));
      }
      set.accept("tintype_last_run_timestamp_seconds", Map.entry(repo, end));
      set.accept("tintype_last_run_duration_seconds", Map.entry(repo, r.seconds()));
      set.accept(
          "tintype_last_run_downloaded_bytes", Map.entry(repo, (double) r.bytesDownloaded()));
      set.accept("tintype_last_run_downloaded_files", Map.entry(repo, (double) r.downloaded()));
      set.accept("tintype_last_run_failures", Map.entry(repo, (double) r.failures().size()));
      if (published) {
        set.accept("tintype_packages", Map.entry(repo, (double) r.packages()));
        set.accept("tintype_pool_files", Map.entry(repo, (double) r.files()));
        set.accept("tintype_pool_bytes", Map.entry(repo, (double) r.bytesStored()));
      }
    }
    report
        .snapshots()
        .forEach(
            (repo, n) ->
                set.accept("tintype_snapshots", Map.entry(label("repo", repo), (double) n)));
    if (report.pool() != null) {
      set.accept("tintype_pool_total_files", Map.entry("", (double) report.pool().files()));
      set.accept("tintype_pool_total_bytes", Map.entry("", (double) report.pool().bytes()));
    }
    String command = label("command", report.command());
    set.accept("tintype_command_last_run_timestamp_seconds", Map.entry(command, end));
    set.accept("tintype_command_last_run_duration_seconds", Map.entry(command, report.seconds()));
    set.accept(
        "tintype_command_last_run_exit_status", Map.entry(command, (double) report.exitStatus()));
    if (report.exitStatus() == 0) {
      set.accept("tintype_command_last_success_timestamp_seconds", Map.entry(command, end));
    }
    StringBuilder b = new StringBuilder();
    for (Metric m : METRICS) {
      b.append("# HELP ").append(m.name()).append(' ').append(m.help()).append('\n');
      b.append("# TYPE ").append(m.name()).append(" gauge\n");
      series
          .getOrDefault(m.name(), Map.of())
          .forEach(
              (labels, v) -> b.append(m.name()).append(labels).append(' ').append(v).append('\n'));
    }
    return b.toString();
  }

  private static String label(String name, String value) {
    return "{" + name + "=\"" + escape(value) + "\"}";
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
}
