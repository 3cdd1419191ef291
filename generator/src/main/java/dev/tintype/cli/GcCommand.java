package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.gc.GarbageCollector;
import dev.tintype.gc.GcListener;
import dev.tintype.gc.GcReport;
import dev.tintype.gc.RetentionPolicy;
import dev.tintype.report.RunReports;
import dev.tintype.storage.Storage;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype gc}: deletes what the retention policy does not keep, then unreferenced pool. */
final class GcCommand implements Subcommand {
  @Override
  public String name() {
    return "gc";
  }

  @Override
  public String summary() {
    return "delete snapshots the retention policy drops, failed runs' remains and unused pool files";
  }

  @Override
  public String usage() {
    return "tintype gc --config FILE [--dry-run] [--verbose] [--repo NAME] [options]";
  }

  @Override
  public String description() {
    return "Delete the snapshots that retention: does not keep (never latest's, never a pinned"
        + " date), what failed runs left, and then the pool files no remaining snapshot"
        + " references. Holds every repository's lock while it runs.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(Invocation.option("repo", "NAME", "delete snapshots of this repository only"))
        .addOption(Invocation.flag("dry-run", "print what would be deleted; delete nothing"))
        .addOption(
            Invocation.flag(
                "verbose", "also print every pool file deleted (or, with --dry-run, to delete)"))
        .addOption(Runs.metricsOption())
        .addOption(
            Invocation.flag(
                "break-lock", "remove a lock a killed run left on S3 (make sure none runs)"));
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    Optional<RepoName> only = inv.repo(cfg);
    boolean dryRun = inv.has("dry-run");
    List<RepoName> configured = cfg.repos().stream().map(RepoConfig::name).toList();
    try (Storage storage = Storages.open(cfg.storage())) {
      if (cfg.retention().isEmpty()) {
        inv.out.println("no retention: in the config: no snapshot is deleted, only unused files");
      }
      GarbageCollector gc =
          new GarbageCollector(
                  storage,
                  configured,
                  cfg.retention(),
                  inv.gcListener(new Printer(inv.console(), dryRun, inv.has("verbose"))))
              .rewritingRootPage(cfg);
      Runs.Work work =
          () -> {
            GcReport r = gc.run(dryRun, only, inv.has("break-lock"));
            r.keptByRepo().forEach(inv.recorder()::snapshots);
            inv.recorder().pool(r.poolKept().files(), r.poolKept().bytes());
            inv.out.println(summary(r));
            pruneRunReports(inv, storage, cfg, dryRun);
            return ExitCode.OK;
          };
      // A dry run writes nothing, not even its report.
      return dryRun ? work.run() : Runs.recorded(inv, storage, work);
    }
  }

  /** Deletes the run reports older than retention.run-reports, after the gc itself. */
  private static void pruneRunReports(Invocation inv, Storage storage, Config cfg, boolean dryRun)
      throws java.io.IOException {
    int days = cfg.retention().map(RetentionPolicy::runReportDays).orElse(RetentionPolicy.ALL);
    if (days == RetentionPolicy.ALL) {
      return;
    }
    java.time.Instant cutoff = inv.recorder().start().minus(java.time.Duration.ofDays(days));
    List<String> old = RunReports.prune(storage, cutoff, dryRun);
    inv.out.println(
        "gc: "
            + (dryRun ? "would delete " : "deleted ")
            + old.size()
            + " run report(s) older than "
            + days
            + " days");
  }

  static String summary(GcReport r) {
    String verb = r.dryRun() ? "would delete" : "deleted";
    return "gc: "
        + verb
        + " "
        + r.snapshots().size()
        + " snapshot(s) ("
        + Invocation.human(r.snapshotBytes())
        + "), "
        + r.poolFiles()
        + " pool file(s) ("
        + Invocation.human(r.poolBytes())
        + ") and "
        + r.abandoned().size()
        + " failed run(s)' remains"
        + (r.runs().isEmpty() ? "" : ", " + r.runs().size() + " sharded run(s) done")
        + "; "
        + (r.dryRun() ? "would free " : "freed ")
        + Invocation.human(r.bytesFreed())
        + "; "
        + r.keptSnapshots()
        + " snapshot(s) kept"
        + (r.dryRun() ? " (dry run: nothing deleted)" : "");
  }

  /**
   * A line per snapshot and per failed run's remains, as each goes; the mark and the sweep as
   * progress (a live line on a terminal, a line every 10 s in a log, and a summary). A pool file
   * gets its own line only with {@code --verbose}: a first gc after years can delete millions.
   */
  record Printer(ConsoleListener console, boolean dryRun, boolean verbose) implements GcListener {
    private String verb() {
      return dryRun ? "would delete " : "deleting ";
    }

    @Override
    public void abandoned(String key) {
      console.println(verb() + "failed run's remains " + key);
    }

    @Override
    public void run(String id) {
      console.println(verb() + "sharded run " + id + " (published or past retention)");
    }

    @Override
    public void snapshot(RepoName repo, SnapshotDate date, long bytes) {
      console.println(
          verb() + "snapshot " + repo + "/" + date + " (" + Invocation.human(bytes) + ")");
    }

    @Override
    public void poolFile(String key, long bytes) {
      if (verbose) {
        console.println(verb() + key + " (" + Invocation.human(bytes) + ")");
      }
    }

    @Override
    public void progress(Step step, long done, long total, long bytes) {
      console.progress("gc", step.id(), done, total, bytes, -1);
    }
  }
}
