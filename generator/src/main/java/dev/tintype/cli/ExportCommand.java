package dev.tintype.cli;

import dev.tintype.bundle.Bundle;
import dev.tintype.bundle.ChunkSize;
import dev.tintype.bundle.ExportPlan;
import dev.tintype.bundle.Exporter;
import dev.tintype.config.Config;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype export}: a snapshot to a checksummed bundle for an air-gapped network. */
final class ExportCommand implements Subcommand {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "write a snapshot to a checksummed bundle for an air-gapped network";
  }

  @Override
  public String usage() {
    return "tintype export --config FILE [options]";
  }

  @Override
  public String description() {
    return "Write a snapshot to a checksummed bundle of tar chunks.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(Invocation.repoOption())
        .addOption(Invocation.dateOption("the snapshot to export (default: the newest published)"))
        .addOption(
            Invocation.option(
                "since",
                "YYYY-MM-DD",
                "incremental: leave out the pool files this earlier snapshot references"))
        .addOption(
            Invocation.option("out", "DIR", "a new or empty directory to write the bundle into"))
        .addOption(
            Invocation.option(
                "chunk-size",
                "SIZE",
                "keep every tar chunk below SIZE, e.g. 700M, 4G (FAT32); default 1G"))
        .addOption(
            Invocation.flag(
                "dry-run", "print how many files and bytes the bundle would hold; write nothing"))
        .addOption(Runs.metricsOption());
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    RepoName repo = onlyRepo(inv, cfg);
    long chunkSize;
    try {
      chunkSize = inv.value("chunk-size").map(ChunkSize::parse).orElse(ChunkSize.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--chunk-size: " + e.getMessage());
    }
    boolean dryRun = inv.has("dry-run");
    if (!dryRun && !inv.has("out")) {
      throw new UsageException("export: --out DIR is required (or --dry-run)");
    }
    Optional<SnapshotDate> since = inv.date("since");
    Optional<SnapshotDate> given = inv.date("date");
    try (Storage storage = Storages.open(cfg.storage())) {
      Runs.Work work =
          () -> {
            SnapshotDate date = given.isPresent() ? given.get() : newest(storage, repo);
            if (since.isPresent() && since.get().compareTo(date) >= 0) {
              throw new UsageException(
                  "--since " + since.get() + " must be older than the exported snapshot " + date);
            }
            Exporter exporter = new Exporter(storage, cfg.trust().signingKey());
            ExportPlan plan = exporter.plan(repo, date, since, chunkSize);
            String what = repo + "/" + date + since.map(s -> " since " + s).orElse("");
            if (dryRun) {
              inv.out.println(
                  "%s: %s in %s below %s; at most %d bytes on the medium"
                      .formatted(
                          what,
                          files(plan),
                          chunks(plan.chunkCount()),
                          Invocation.human(chunkSize),
                          plan.maxBundleBytes()));
              return ExitCode.OK;
            }
            Path dir = Path.of(inv.value("out").orElseThrow());
            Exporter.Exported bundle = exporter.write(plan, dir, inv.bundleListener(repo.name()));
            inv.out.println(
                "exported %s to %s: %s in %s"
                    .formatted(what, dir, files(plan), chunks(bundle.chunks().size())));
            for (Exporter.Exported.Chunk c : bundle.chunks()) {
              inv.out.println("  " + c.name() + "  " + c.size() + " bytes  sha256 " + c.sha256());
            }
            inv.out.println("  " + Bundle.TOC_FILE + "  sha256 " + bundle.tocSha256());
            cfg.trust()
                .signingKey()
                .ifPresent(
                    k ->
                        inv.out.println(
                            "  "
                                + Bundle.SIGNATURE_FILE
                                + "  signed by "
                                + k.publicKey().fingerprint()));
            return ExitCode.OK;
          };
      // A dry run writes nothing, not even its report.
      return dryRun ? work.run() : Runs.recorded(inv, storage, work);
    }
  }

  private static RepoName onlyRepo(Invocation inv, Config cfg) throws UsageException {
    Optional<RepoName> r = inv.repo(cfg);
    if (r.isPresent()) {
      return r.get();
    }
    if (cfg.repos().size() == 1) {
      return cfg.repos().get(0).name();
    }
    throw new UsageException("export: --repo NAME is required when the config has several repos");
  }

  private static SnapshotDate newest(Storage storage, RepoName repo) throws Exception {
    List<SnapshotDate> dates = Snapshots.published(storage, repo);
    if (dates.isEmpty()) {
      throw new UsageException("export: " + repo + " has no published snapshot to export");
    }
    return dates.get(dates.size() - 1);
  }

  private static String files(ExportPlan plan) {
    return "%d files, %d bytes (%s)"
        .formatted(plan.fileCount(), plan.bytes(), Invocation.human(plan.bytes()));
  }

  private static String chunks(int n) {
    return n + (n == 1 ? " chunk" : " chunks");
  }
}
