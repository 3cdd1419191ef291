package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype list}: the published snapshots, with package count and size. */
final class ListCommand implements Subcommand {
  @Override
  public String name() {
    return "list";
  }

  @Override
  public String summary() {
    return "list published snapshots per repository, with package count and size";
  }

  @Override
  public String usage() {
    return "tintype list --config FILE [options]";
  }

  @Override
  public String description() {
    return "List published snapshots.";
  }

  @Override
  public Options options() {
    return new Options().addOption(Invocation.configOption()).addOption(Invocation.repoOption());
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    Optional<RepoName> only = inv.repo(cfg);
    try (Storage storage = Storages.open(cfg.storage())) {
      inv.out.println(String.format("%-16s %-10s %9s %12s", "REPO", "DATE", "PACKAGES", "SIZE"));
      for (RepoConfig r : cfg.repos()) {
        if (only.isPresent() && !only.get().equals(r.name())) {
          continue;
        }
        Optional<SnapshotDate> latest = storage.latest(r.name());
        for (SnapshotDate d : Snapshots.published(storage, r.name())) {
          ManifestSummary m = ManifestSummary.read(storage, r.name(), d);
          inv.out.println(
              String.format(
                  "%-16s %-10s %9d %12s%s",
                  r.name(),
                  d,
                  m.packages(),
                  Invocation.human(m.bytes()),
                  latest.map(d::equals).orElse(false) ? "  (latest)" : ""));
        }
      }
    }
    return ExitCode.OK;
  }
}
