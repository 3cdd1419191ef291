package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.diff.DiffJson;
import dev.tintype.diff.DiffReport;
import dev.tintype.diff.DiffText;
import dev.tintype.diff.SnapshotDiff;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.cli.Options;

/** {@code tintype diff}: what changed in one repository between two snapshots. */
final class DiffCommand implements Subcommand {
  @Override
  public String name() {
    return "diff";
  }

  @Override
  public String summary() {
    return "list packages added, removed, upgraded or yanked between two snapshots";
  }

  @Override
  public String usage() {
    return "tintype diff --config FILE [--repo NAME] [--json] DATE1 DATE2";
  }

  @Override
  public String description() {
    return "Compare two published snapshots of one repository (dates in either order; the diff"
        + " goes from the older to the newer).";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(
            Invocation.option(
                "repo", "NAME", "the repository (required when the config has more than one)"))
        .addOption(Invocation.flag("json", "write one JSON document instead of text"));
  }

  @Override
  public boolean takesArguments() {
    return true;
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    List<String> args = inv.arguments();
    if (args.size() != 2) {
      throw new UsageException(
          "diff: expected two dates YYYY-MM-DD, found "
              + (args.isEmpty() ? "none" : args.size() + ": " + String.join(" ", args))
              + " (see 'tintype diff --help')");
    }
    SnapshotDate first = date(args.get(0));
    SnapshotDate second = date(args.get(1));
    Config cfg = inv.config();
    RepoConfig repo = repo(inv, cfg);
    DiffReport report;
    try (Storage storage = Storages.open(cfg.storage())) {
      report = SnapshotDiff.between(storage, repo.name(), repo.type(), first, second);
    }
    if (report.reordered()) {
      inv.err.println(
          "tintype: diff: "
              + first
              + " is newer than "
              + second
              + "; showing the changes from "
              + report.from()
              + " to "
              + report.to());
    }
    if (inv.has("json")) {
      DiffJson.write(report, inv.out);
    } else {
      DiffText.lines(report).forEach(inv.out::println);
    }
    inv.out.flush();
    return ExitCode.OK;
  }

  private static SnapshotDate date(String arg) throws UsageException {
    try {
      return SnapshotDate.parse(arg);
    } catch (IllegalArgumentException e) {
      throw new UsageException("diff: " + e.getMessage());
    }
  }

  private static RepoConfig repo(Invocation inv, Config cfg) throws UsageException {
    Optional<RepoName> named = inv.repo(cfg);
    if (named.isPresent()) {
      return cfg.repo(named.get()).orElseThrow();
    }
    if (cfg.repos().size() == 1) {
      return cfg.repos().get(0);
    }
    throw new UsageException(
        "diff: --repo NAME is required: the config has "
            + cfg.repos().size()
            + " repositories ("
            + cfg.repos().stream().map(r -> r.name().name()).collect(Collectors.joining(", "))
            + ")");
  }
}
