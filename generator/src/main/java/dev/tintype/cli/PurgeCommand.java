package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.format.layout.RepoName;
import dev.tintype.pages.RootPage;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.storage.Storage;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype purge}: deletes malware from the pool, the one audited exception. */
final class PurgeCommand implements Subcommand {
  @Override
  public String name() {
    return "purge";
  }

  @Override
  public String summary() {
    return "delete a project's or named files from the pool (malware), recorded in purges.json";
  }

  @Override
  public String usage() {
    return "tintype purge --config F --repo R {--project P|--file NAME} --reason TEXT";
  }

  @Override
  public String description() {
    return "Delete the pool files a project's pages link to (PyPI) or its <pkg>_<ver>.tar.gz"
        + " (CRAN), or the files named, from every snapshot of the repository: they then answer"
        + " 404. Pages and manifests stay byte for byte as they were, so signatures stay valid."
        + " The purge is recorded in .tintype/purges.json; verify reports the files as purged,"
        + " and sync and import never bring them back. Holds the repository's lock.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(Invocation.option("repo", "NAME", "the repository to purge from"))
        .addOption(Invocation.option("project", "NAME", "purge every file of this project"))
        .addOption(Invocation.option("file", "NAME", "purge this file (repeatable)"))
        .addOption(Invocation.option("reason", "TEXT", "why, for the record (required)"))
        .addOption(Invocation.flag("dry-run", "print what would be deleted; delete nothing"))
        .addOption(
            Invocation.flag(
                "break-lock", "remove a lock a killed run left on S3 (make sure none runs)"));
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    RepoName repo =
        inv.repo(cfg).orElseThrow(() -> new UsageException("purge: --repo NAME is required"));
    Optional<String> project = inv.value("project");
    List<String> files = inv.values("file");
    if (project.isEmpty() && files.isEmpty()) {
      throw new UsageException("purge: name --project NAME or --file NAME");
    }
    String reason =
        inv.value("reason")
            .filter(r -> !r.isBlank())
            .orElseThrow(() -> new UsageException("purge: --reason TEXT is required"));
    boolean dryRun = inv.has("dry-run");
    Purger.Report r;
    try (Storage storage = Storages.open(cfg.storage())) {
      r =
          new Purger(storage, new Printer(inv.out, dryRun))
              .run(new Purger.Request(repo, project, files, reason), dryRun, inv.has("break-lock"));
      if (!dryRun) {
        RootPage.refresh(storage, cfg);
      }
    }
    inv.out.println(
        "purge: "
            + (dryRun ? "would delete " : "deleted ")
            + r.files().size()
            + " pool file(s) ("
            + Invocation.human(r.bytes())
            + ") and "
            + r.links()
            + " snapshot link(s)"
            + (dryRun
                ? " (dry run: nothing deleted, nothing recorded)"
                : "; recorded in .tintype/purges.json"));
    return ExitCode.OK;
  }

  private record Printer(PrintStream out, boolean dryRun) implements PurgeListener {
    private String verb() {
      return dryRun ? "would delete " : "deleting ";
    }

    @Override
    public void poolFile(String key, long bytes) {
      out.println(verb() + key + " (" + Invocation.human(bytes) + ")");
    }

    @Override
    public void link(String key) {
      out.println(verb() + key);
    }

    @Override
    public void alreadyGone(String key) {
      out.println("already gone: " + key);
    }
  }
}
