package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.shard.ShardResult;
import dev.tintype.shard.ShardSpec;
import dev.tintype.shard.ShardSync;
import dev.tintype.shard.ShardedPublish;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Share;
import dev.tintype.sync.SyncOptions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.apache.commons.cli.Option;

/**
 * The sharded run's side of {@code sync} ({@code --shard I/N --run ID}) and of {@code publish}
 * ({@code --run ID --shards N}), which is a sync whose files come from the shards.
 */
final class ShardRun {
  private ShardRun() {}

  static Option shardOption() {
    return Invocation.option(
        "shard", "I/N", "fetch only shard I of N (from 0) into the pool; publish later");
  }

  static Option runOption() {
    return Invocation.option("run", "ID", "the sharded run this shard or publish belongs to");
  }

  /** {@code sync --shard}: one shard's share, recorded for the publish. */
  static ExitCode shard(
      Invocation inv,
      Config cfg,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncOptions opts)
      throws Exception {
    ShardSpec spec;
    try {
      spec = ShardSpec.parse(inv.value("shard").orElseThrow());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shard: " + e.getMessage());
    }
    String run = run(inv);
    ShardSync sync = new ShardSync(cfg, storage, fetcher, downloads, inv.syncListener());
    ShardResult r = sync.run(run, spec, opts);
    int files = r.repos().stream().mapToInt(x -> x.files().size()).sum();
    inv.out.println(
        "shard " + spec + " of run " + run + " done: " + files + " files; publish when all are");
    return ExitCode.OK;
  }

  /**
   * What each repository's mirror gets: the whole repository for {@code sync}, the shards' files
   * for {@code publish}, after checking that every shard finished (or waiting for them).
   */
  static Function<RepoConfig, Share> shares(Invocation inv, Storage storage, SyncOptions opts)
      throws Exception {
    if (!inv.command().equals("publish")) {
      if (inv.has("run")) {
        throw new UsageException("--run needs --shard (sync) or is for publish");
      }
      return r -> Share.WHOLE;
    }
    int shards;
    try {
      shards = Integer.parseInt(inv.value("shards").orElse(""));
      new ShardSpec(0, shards);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shards must be a number of shards from 1 up: " + e.getMessage());
    }
    Duration wait = Duration.ZERO;
    if (inv.has("wait")) {
      String text = inv.value("wait").get();
      if (!text.matches("\\d{1,6}[smh]")) {
        throw new UsageException(
            "--wait takes a number with s, m or h (90m, 6h), got '" + text + "'");
      }
      wait = Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
    }
    boolean carry = inv.has("carry-forward");
    ShardedPublish.Collected c =
        new ShardedPublish(storage).collect(run(inv), shards, opts.date(), wait, carry);
    if (!c.carried().isEmpty()) {
      inv.err.println(
          "tintype: publish: shards "
              + c.carried()
              + " of run "
              + inv.value("run").orElseThrow()
              + " did not finish; their packages are carried from the previous snapshot"
              + " (manifest property "
              + ShardedPublish.CARRIED_PROPERTY
              + ")");
    }
    return c.shares();
  }

  private static String run(Invocation inv) throws UsageException {
    String run = inv.value("run").orElseThrow(() -> new UsageException("--run ID is required"));
    try {
      Layout.runDir(run);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--run: " + e.getMessage());
    }
    return run;
  }
}
