package dev.tintype.cli;

import dev.tintype.format.layout.RepoName;
import dev.tintype.report.MetricsFile;
import dev.tintype.report.RunReport;
import dev.tintype.report.RunReports;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the run report of a sync, gc, import or export once its exit code is known, whether it
 * succeeded or failed, and the metrics file it was asked for.
 */
final class Runs {
  private Runs() {}

  /** The work of a command, run while its storage is open. */
  interface Work {
    ExitCode run() throws Exception;
  }

  /** Runs {@code work}, then stores its report; a failure is reported, then rethrown. */
  static ExitCode recorded(Invocation inv, Storage storage, Work work) throws Exception {
    inv.recorder(); // starts the clock of a command that has not started it already
    ExitCode code;
    try {
      code = work.run();
    } catch (Exception | Error t) { // NOPMD: a failed run, too, writes its report
      try {
        countSnapshots(inv, storage);
        store(inv, storage, inv.recorder().finish(Failures.codeOf(t).code(), Failures.describe(t)));
      } catch (IOException | RuntimeException e) {
        t.addSuppressed(e);
      }
      throw t;
    }
    countSnapshots(inv, storage);
    store(inv, storage, inv.recorder().finish(code.code(), null));
    return code;
  }

  /**
   * Tells the recorder how many snapshots each repository on the storage has now, unless the
   * command (a gc) told it already: a listing and a HEAD per snapshot. A storage that cannot be
   * read leaves the counts out; it does not fail the run.
   */
  private static void countSnapshots(Invocation inv, Storage storage) {
    if (inv.recorder().knowsSnapshots()) {
      return;
    }
    try {
      Map<String, Integer> counts = new TreeMap<>();
      for (String child : storage.children("")) {
        RepoName repo;
        try {
          repo = new RepoName(child);
        } catch (IllegalArgumentException e) {
          continue; // the pool, .tintype: not a repository
        }
        counts.put(repo.name(), Snapshots.published(storage, repo).size());
      }
      counts.forEach(inv.recorder()::snapshots);
    } catch (IOException | RuntimeException e) {
      inv.err.println("tintype: warning: could not count the snapshots: " + Failures.describe(e));
    }
  }

  private static void store(Invocation inv, Storage storage, RunReport report) throws IOException {
    try {
      RunReports.write(storage, report);
    } catch (IOException | RuntimeException e) {
      // The work is done; a missing report must not turn it into a failure.
      inv.err.println("tintype: warning: could not store the run report: " + Failures.describe(e));
    }
    Optional<String> metrics = inv.value(METRICS_OPTION);
    if (metrics.isPresent()) {
      MetricsFile.write(Path.of(metrics.get()), report);
    }
  }

  static final String METRICS_OPTION = "metrics-file";

  static org.apache.commons.cli.Option metricsOption() {
    return Invocation.option(
        METRICS_OPTION,
        "FILE",
        "write Prometheus metrics of the run to FILE (for node_exporter's textfile collector)");
  }
}
