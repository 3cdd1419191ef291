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
 * @param snapshots the published snapshots of each repository on the storage once the run ended
 *     (empty if the storage could not be read); absent in reports older than this field
 * @param pool the whole pool once a gc ended, or null: only a gc reads all of it
 */
public record RunReport(
    int format,
    String command,
    List<String> arguments,
    String start,
    String end,
    int exitStatus,
    String failure,
    List<Repo> repos,
    Map<String, Integer> snapshots,
    Pool pool) {
  public static final int FORMAT = 1;

  public RunReport {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(start, "start");
    arguments = List.copyOf(arguments);
    repos = List.copyOf(repos);
    snapshots =
        java.util.Collections.unmodifiableMap(
            new java.util.TreeMap<>(snapshots == null ? Map.of() : snapshots));
  }

  /** The files of the whole pool and their bytes. */
  public record Pool(long files, long bytes) {}

  /** Seconds from start to end. */
  public double seconds() {
    return java.time.Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end))
            .toNanos()
        / 1e9;
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
