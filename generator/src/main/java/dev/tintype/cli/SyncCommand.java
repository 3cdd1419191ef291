package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.dryrun.DryRunner;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.RunHttpClient;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.cli.Options;

/** {@code tintype sync}: fetch upstream and publish a dated snapshot of every repository. */
final class SyncCommand implements Subcommand {
  @Override
  public String name() {
    return "sync";
  }

  @Override
  public String summary() {
    return "fetch upstream changes and publish today's (or --date's) snapshot";
  }

  @Override
  public String usage() {
    return "tintype sync --config FILE [options]";
  }

  @Override
  public String description() {
    return "Fetch upstream and publish a dated snapshot.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(Invocation.dateOption("the snapshot's name (default: today, UTC)"))
        .addOption(Invocation.repoOption())
        .addOption(Runs.metricsOption())
        .addOption(Invocation.flag("force", "publish even if upstream shrank sharply"))
        .addOption(
            Invocation.flag("backfill", "rebuild the state at the end of --date (PyPI, CRAN)"))
        .addOption(
            Invocation.flag(
                "break-lock",
                "remove the lock of a sync that died (S3 locks outlive their process)"))
        .addOption(
            Invocation.flag(
                "dry-run",
                "print what a sync would fetch and keep, and why it leaves things out; writes"
                    + " nothing"))
        .addOption(ShardRun.shardOption())
        .addOption(ShardRun.runOption());
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    SnapshotDate date = inv.date("date").orElseGet(SnapshotDate::todayUtc);
    if (inv.has("backfill") && !inv.has("date")) {
      throw new UsageException("--backfill needs --date: the day whose state to rebuild");
    }
    SyncOptions opts = new SyncOptions(date, inv.has("force"), inv.has("backfill"), inv.repo(cfg));
    ExecutorService downloads =
        Executors.newFixedThreadPool(cfg.parallelDownloads(), Invocation.named("tintype-download"));
    RunHttpClient client =
        new RunHttpClient(Invocation.named("tintype-http"), cfg.parallelDownloads());
    if (fetchesOverHttp(cfg, opts)) {
      client.buildAhead(downloads);
    }
    inv.recorder(); // the run starts now, not once the storage is open
    try (client;
        Storage storage = Storages.open(cfg.storage())) {
      Fetcher fetcher = new Fetcher(client, cfg.fetchPolicy());
      if (inv.has("dry-run")) {
        return DryRunOutput.print(
            new DryRunner(cfg, storage, fetcher, downloads, inv.syncListener(), inv.mirrors())
                .run(opts),
            inv.out);
      }
      if (inv.has("shard")) {
        return ShardRun.shard(inv, cfg, storage, fetcher, downloads, opts);
      }
      Syncer syncer =
          new Syncer(
              cfg,
              storage,
              fetcher,
              downloads,
              inv.syncListener(),
              inv.mirrors(),
              inv.has("break-lock"),
              ShardRun.shares(inv, storage, opts));
      // The listener has already printed each repository's summary ("published ...").
      return Runs.recorded(inv, storage, () -> exitCode(syncer.sync(opts), inv.err));
    } finally {
      downloads.shutdownNow();
    }
  }

  /** Whether a repository this run syncs has an http(s) upstream. */
  static boolean fetchesOverHttp(Config cfg, SyncOptions opts) {
    return cfg.repos().stream()
        .filter(r -> opts.includes(r.name()))
        .map(r -> r.upstream().getScheme())
        .anyMatch(s -> "http".equalsIgnoreCase(s) || "https".equalsIgnoreCase(s));
  }

  /**
   * The one place a sync's outcomes become its exit code: 3 when anything configured is missing.
   */
  static ExitCode exitCode(List<Syncer.Outcome> outcomes, PrintStream err) {
    ExitCode code = ExitCode.OK;
    for (Syncer.Outcome o : outcomes) {
      if (!o.missing().isEmpty()) {
        err.println(
            "tintype: sync: %s: published, but %d configured %s missing upstream: %s"
                .formatted(
                    o.repo(),
                    o.missing().size(),
                    o.missing().size() == 1 ? "project is" : "projects are",
                    String.join(", ", o.missing())));
        code = ExitCode.MISSING;
      }
    }
    return code;
  }
}
