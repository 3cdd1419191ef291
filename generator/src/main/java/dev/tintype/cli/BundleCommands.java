package dev.tintype.cli;

import dev.tintype.bundle.Bundle;
import dev.tintype.bundle.BundleListener;
import dev.tintype.bundle.ChunkSize;
import dev.tintype.bundle.ExportPlan;
import dev.tintype.bundle.Exporter;
import dev.tintype.bundle.Importer;
import dev.tintype.bundle.Toc;
import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code export} and {@code import}: snapshots to and from bundles for air-gapped networks. */
final class BundleCommands {
  private final Commands commands;
  private final PrintStream out;
  private final PrintStream err;

  BundleCommands(Commands commands, PrintStream out, PrintStream err) {
    this.commands = commands;
    this.out = out;
    this.err = err;
  }

  int export(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(Commands.config());
    o.addOption(Commands.repo());
    o.addOption(Commands.dateOption("the snapshot to export (default: the newest published)"));
    o.addOption(
        Option.builder()
            .longOpt("since")
            .hasArg()
            .argName("YYYY-MM-DD")
            .desc("incremental: leave out the pool files this earlier snapshot references")
            .build());
    o.addOption(
        Option.builder()
            .longOpt("out")
            .hasArg()
            .argName("DIR")
            .desc("a new or empty directory to write the bundle into")
            .build());
    o.addOption(
        Option.builder()
            .longOpt("chunk-size")
            .hasArg()
            .argName("SIZE")
            .desc("keep every tar chunk below SIZE, e.g. 700M, 4G (FAT32); default 1G")
            .build());
    o.addOption(
        Option.builder()
            .longOpt("dry-run")
            .desc("print how many files and bytes the bundle would hold; write nothing")
            .build());
    o.addOption(Commands.help());
    CommandLine cl =
        commands.parse(
            "export", o, args, "Write a snapshot to a checksummed bundle of tar chunks.");
    if (cl == null) {
      return Main.OK;
    }
    Config cfg = Commands.loadConfig(cl);
    RepoName repo = onlyRepo(cl, cfg);
    long chunkSize;
    try {
      chunkSize =
          cl.hasOption("chunk-size")
              ? ChunkSize.parse(cl.getOptionValue("chunk-size"))
              : ChunkSize.DEFAULT;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--chunk-size: " + e.getMessage());
    }
    boolean dryRun = cl.hasOption("dry-run");
    if (!dryRun && !cl.hasOption("out")) {
      throw new UsageException("export: --out DIR is required (or --dry-run)");
    }
    Optional<SnapshotDate> since =
        cl.hasOption("since")
            ? Optional.of(sinceDate(cl.getOptionValue("since")))
            : Optional.empty();
    try (Storage storage = Storages.open(cfg.storage())) {
      SnapshotDate date;
      if (cl.hasOption("date")) {
        date = Commands.parseDate(cl.getOptionValue("date"));
      } else {
        List<SnapshotDate> dates = Snapshots.published(storage, repo);
        if (dates.isEmpty()) {
          throw new UsageException("export: " + repo + " has no published snapshot to export");
        }
        date = dates.get(dates.size() - 1);
      }
      if (since.isPresent() && since.get().compareTo(date) >= 0) {
        throw new UsageException(
            "--since " + since.get() + " must be older than the exported snapshot " + date);
      }
      Exporter exporter = new Exporter(storage);
      ExportPlan plan = exporter.plan(repo, date, since, chunkSize);
      String what = repo + "/" + date + since.map(s -> " since " + s).orElse("");
      if (dryRun) {
        out.println(
            what
                + ": "
                + plan.fileCount()
                + " files, "
                + plan.bytes()
                + " bytes ("
                + Commands.human(plan.bytes())
                + ") in "
                + plan.chunkCount()
                + (plan.chunkCount() == 1 ? " chunk" : " chunks")
                + " below "
                + Commands.human(chunkSize)
                + "; at most "
                + plan.maxBundleBytes()
                + " bytes on the medium");
        return Main.OK;
      }
      Path dir = Path.of(cl.getOptionValue("out"));
      Bundle bundle = exporter.write(plan, dir, new Progress(repo.name(), "export"));
      out.println(
          "exported "
              + what
              + " to "
              + dir
              + ": "
              + plan.fileCount()
              + " files, "
              + plan.bytes()
              + " bytes ("
              + Commands.human(plan.bytes())
              + ") in "
              + bundle.toc().chunks().size()
              + (bundle.toc().chunks().size() == 1 ? " chunk" : " chunks"));
      for (Toc.Chunk c : bundle.toc().chunks()) {
        out.println("  " + c.name() + "  " + c.size() + " bytes  sha256 " + c.sha256());
      }
      out.println("  " + Bundle.TOC_FILE + "  sha256 " + bundle.tocSha256());
      return Main.OK;
    }
  }

  int importBundle(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(Commands.config());
    o.addOption(Commands.help());
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException("import: " + e.getMessage() + " (see 'tintype import --help')");
    }
    if (cl.hasOption("help")) {
      PrintWriter pw = new PrintWriter(out);
      new HelpFormatter()
          .printHelp(
              pw,
              80,
              "tintype import --config FILE BUNDLE_DIR",
              "Check a bundle and publish the snapshot it carries.",
              o,
              2,
              2,
              "");
      pw.flush();
      return Main.OK;
    }
    if (cl.getArgList().size() != 1) {
      throw new UsageException(
          "import: expected one bundle directory, got "
              + cl.getArgList().size()
              + " arguments (see 'tintype import --help')");
    }
    Config cfg = Commands.loadConfig(cl);
    Bundle bundle = Bundle.open(Path.of(cl.getArgList().get(0)));
    Toc toc = bundle.toc();
    Optional<RepoConfig> rc = cfg.repo(toc.repoName());
    if (rc.isEmpty() || !rc.get().type().id().equals(toc.type())) {
      throw new UsageException(
          "import: the bundle holds "
              + toc.type()
              + " repository '"
              + toc.repo()
              + "', which "
              + cl.getOptionValue("config")
              + " does not configure"
              + rc.map(r -> " (it has type " + r.type().id() + ")").orElse("")
              + "; add it under repos (import does not use its upstream)");
    }
    out.println(
        "importing "
            + bundle.describe()
            + " from "
            + bundle.dir()
            + " ("
            + toc.files().size()
            + " files, "
            + Commands.human(toc.bytes())
            + ", table of contents sha256 "
            + bundle.tocSha256()
            + ")");
    try (Storage storage = Storages.open(cfg.storage())) {
      Importer.Result r =
          new Importer(storage).importBundle(bundle, new Progress(toc.repo(), "import"));
      if (!r.published()) {
        out.println(r.snapshot() + ": already published with the same manifest; unchanged");
      } else {
        out.println(
            "imported "
                + r.snapshot()
                + ": "
                + r.stored()
                + " files stored ("
                + r.storedBytes()
                + " bytes), "
                + r.alreadyPresent()
                + " already in the pool; "
                + r.chunksRead()
                + " chunks read, "
                + r.chunksSkipped()
                + " skipped");
      }
      return Main.OK;
    }
  }

  private static RepoName onlyRepo(CommandLine cl, Config cfg) throws UsageException {
    Optional<RepoName> r = Commands.repoOption(cl, cfg);
    if (r.isPresent()) {
      return r.get();
    }
    if (cfg.repos().size() == 1) {
      return cfg.repos().get(0).name();
    }
    throw new UsageException("export: --repo NAME is required when the config has several repos");
  }

  private static SnapshotDate sinceDate(String v) throws UsageException {
    try {
      return SnapshotDate.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--since: " + e.getMessage());
    }
  }

  /**
   * Prints one line per chunk. TINTYPE_TEST_STALL ("import:stored:3", "export:chunk:2") makes the
   * run announce that point and wait there to be killed, for the crash tests.
   */
  private final class Progress implements BundleListener {
    private final String repo;
    private final String command;

    Progress(String repo, String command) {
      this.repo = repo;
      this.command = command;
    }

    @Override
    public void chunk(String name, int number, int total) {
      out.println("[" + repo + "] " + name + " (" + number + "/" + total + ")");
      stallIfAsked("chunk:" + number);
    }

    @Override
    public void chunkSkipped(String name, int number, int total) {
      out.println(
          "[" + repo + "] " + name + " (" + number + "/" + total + "): all files present, skipped");
    }

    @Override
    public void stored(String key, int stored) {
      stallIfAsked("stored:" + stored);
    }

    private void stallIfAsked(String point) {
      String want = System.getenv("TINTYPE_TEST_STALL");
      if (want != null && want.equals(command + ":" + point)) {
        out.println("tintype: stalled at " + want);
        out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
