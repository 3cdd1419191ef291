package dev.tintype.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a command did, as {@code .tintype/runs/<start>-<command>.json} holds it. Times
 * are ISO-8601 UTC instants; phase times are seconds.
 *
 * @param arguments the command line after the command's name; never key material or environment
 * @param exitStatus the exit code the command returned
 * @param failure why the run failed, or null
 */
public record RunReport(
    int format,
    String command,
    List<String> arguments,
    String start,
    String end,
    int exitStatus,
    String failure,
    List<Repo> repos) {
  public static final int FORMAT = 1;

  public RunReport {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(start, "start");
    arguments = List.copyOf(arguments);
    repos = List.copyOf(repos);
  }

  /**
   * One repository's part of a run.
   *
   * @param status {@code published}, {@code unchanged} (already published) or {@code failed}
   * @param files pool files the snapshot lists
   * @param downloaded files downloaded by this run
   * @param bytesStored total size of the pool files the snapshot lists
   * @param carried pool files the snapshot lists that an earlier run had already stored
   * @param failures what went wrong: a failed sync's error, projects missing upstream
   * @param phases seconds spent in each phase ({@code dev.tintype.sync.Phase} ids), in order
   */
  public record Repo(
      String repo,
      String status,
      int packages,
      long files,
      long downloaded,
      long bytesDownloaded,
      long bytesStored,
      long carried,
      List<String> failures,
      Map<String, Double> phases) {
    public Repo {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(status, "status");
      failures = List.copyOf(failures);
      phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    public boolean succeeded() {
      return !status.equals("failed");
    }

    /** Seconds of every phase together. */
    public double seconds() {
      return phases.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }
}
