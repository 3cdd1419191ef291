package dev.tintype.cli;

import org.apache.commons.cli.Options;

/**
 * {@code tintype publish --run ID --shards N}: publishes a sharded run's snapshot once every shard
 * has finished. It is a sync (same lock, same mirrors, same atomic order, same bytes) whose files
 * all come from the shards' results, so it downloads no package.
 */
final class PublishCommand implements Subcommand {
  @Override
  public String name() {
    return "publish";
  }

  @Override
  public String summary() {
    return "publish the snapshot of a sharded run (sync --shard) once every shard is done";
  }

  @Override
  public String usage() {
    return "tintype publish --config FILE --run ID --shards N [options]";
  }

  @Override
  public String description() {
    return "Publish the snapshot of a sharded run from its N shard results. Refuses, naming them,"
        + " shards that are missing, unfinished or failed, and shards planned against different"
        + " upstream indexes.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(
            Invocation.dateOption(
                "the snapshot's name, as the shards had it (default: today, UTC)"))
        .addOption(Invocation.repoOption())
        .addOption(ShardRun.runOption())
        .addOption(Invocation.option("shards", "N", "how many shards the run has"))
        .addOption(
            Invocation.option(
                "wait", "DURATION", "wait up to this long (90m, 6h) for unfinished shards"))
        .addOption(
            Invocation.flag(
                "carry-forward",
                "carry the packages of unfinished shards from the previous snapshot"))
        .addOption(Runs.metricsOption())
        .addOption(Invocation.flag("force", "publish even if upstream shrank sharply"))
        .addOption(
            Invocation.flag(
                "break-lock",
                "remove the lock of a sync that died (S3 locks outlive their process)"));
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    if (!inv.has("run") || !inv.has("shards")) {
      throw new UsageException("publish needs --run ID and --shards N");
    }
    return new SyncCommand().run(inv);
  }
}
