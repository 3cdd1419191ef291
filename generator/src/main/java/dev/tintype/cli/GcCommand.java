package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.gc.GarbageCollector;
import dev.tintype.gc.GcListener;
import dev.tintype.gc.GcReport;
import dev.tintype.storage.Storage;
import java.io.PrintStream;
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
    return "tintype gc --config FILE [--dry-run] [--repo NAME]";
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
                  inv.gcListener(new Printer(inv.out, dryRun)))
              .rewritingRootPage(cfg);
      Runs.Work work =
          () -> {
            inv.out.println(summary(gc.run(dryRun, only, inv.has("break-lock"))));
            return ExitCode.OK;
          };
      // A dry run writes nothing, not even its report.
      return dryRun ? work.run() : Runs.recorded(inv, storage, work);
    }
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
        + " failed run(s)' remains; "
        + (r.dryRun() ? "would free " : "freed ")
        + Invocation.human(r.bytesFreed())
        + "; "
        + r.keptSnapshots()
        + " snapshot(s) kept"
        + (r.dryRun() ? " (dry run: nothing deleted)" : "");
  }

  /** One line per deletion, as it happens. */
  private record Printer(PrintStream out, boolean dryRun) implements GcListener {
    private String verb() {
      return dryRun ? "would delete " : "deleting ";
    }

    @Override
    public void abandoned(String key) {
      out.println(verb() + "failed run's remains " + key);
    }

    @Override
    public void snapshot(RepoName repo, SnapshotDate date, long bytes) {
      out.println(verb() + "snapshot " + repo + "/" + date + " (" + Invocation.human(bytes) + ")");
    }

    @Override
    public void poolFile(String key, long bytes) {
      out.println(verb() + key + " (" + Invocation.human(bytes) + ")");
    }
  }
}
