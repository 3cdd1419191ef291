package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.ConfigException;
import dev.tintype.config.ConfigLoader;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.cran.CranMirror;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import dev.tintype.verify.Verifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The subcommands. Each parses its own options; only this package prints. */
final class Commands {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;

  Commands(PrintStream out, PrintStream err, boolean tty) {
    this.out = out;
    this.err = err;
    this.tty = tty;
  }

  static String overview() {
    return String.join(
        "\n",
        "usage: tintype <command> [options]",
        "",
        "Mirrors CRAN and PyPI into immutable, dated, static snapshots.",
        "",
        "commands:",
        "  sync     fetch upstream changes and publish today's (or --date's) snapshot",
        "  list     list published snapshots per repository, with package count and size",
        "  verify   rehash every file of published snapshots against their manifests",
        "  export   write a snapshot to a checksummed bundle for an air-gapped network",
        "  import   publish a snapshot from a bundle",
        "  index    write PACKAGES, PACKAGES.gz and PACKAGES.rds for a directory of R tarballs",
        "",
        "Run 'tintype <command> --help' for a command's options.",
        "");
  }

  static Option config() {
    return Option.builder()
        .longOpt("config")
        .hasArg()
        .argName("FILE")
        .desc("the tintype.yaml to use")
        .build();
  }

  static Option repo() {
    return Option.builder()
        .longOpt("repo")
        .hasArg()
        .argName("NAME")
        .desc("only this repository")
        .build();
  }

  static Option dateOption(String desc) {
    return Option.builder().longOpt("date").hasArg().argName("YYYY-MM-DD").desc(desc).build();
  }

  static Option help() {
    return Option.builder("h").longOpt("help").desc("show this help").build();
  }

  int sync(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(config());
    o.addOption(dateOption("the snapshot's name (default: today, UTC)"));
    o.addOption(repo());
    o.addOption(
        Option.builder().longOpt("force").desc("publish even if upstream shrank sharply").build());
    o.addOption(
        Option.builder()
            .longOpt("backfill")
            .desc("leave out files uploaded after the end of --date (PyPI)")
            .build());
    o.addOption(
        Option.builder()
            .longOpt("break-lock")
            .desc("remove the lock of a sync that died (S3 locks outlive their process)")
            .build());
    o.addOption(help());
    CommandLine cl = parse("sync", o, args, "Fetch upstream and publish a dated snapshot.");
    if (cl == null) {
      return Main.OK;
    }
    Config cfg = loadConfig(cl);
    SnapshotDate date =
        cl.hasOption("date") ? parseDate(cl.getOptionValue("date")) : SnapshotDate.todayUtc();
    if (cl.hasOption("backfill") && !cl.hasOption("date")) {
      throw new UsageException("--backfill needs --date: the day whose state to rebuild");
    }
    Optional<RepoName> only = repoOption(cl, cfg);
    SyncOptions opts = new SyncOptions(date, cl.hasOption("force"), cl.hasOption("backfill"), only);
    ExecutorService downloads =
        Executors.newFixedThreadPool(cfg.parallelDownloads(), named("tintype-download"));
    ExecutorService http = Executors.newCachedThreadPool(named("tintype-http"));
    OkHttpClient client = HttpClients.create(http, cfg.parallelDownloads());
    try (Storage storage = Storages.open(cfg.storage())) {
      Fetcher fetcher = new Fetcher(client, RetryPolicy.standard());
      Syncer syncer =
          new Syncer(
              cfg,
              storage,
              fetcher,
              downloads,
              new ConsoleListener(out, err, tty),
              mirrors(),
              cl.hasOption("break-lock"));
      List<Syncer.Outcome> outcomes = syncer.sync(opts);
      for (Syncer.Outcome r : outcomes) {
        if (r.published()) {
          out.println(
              r.repo()
                  + "/"
                  + date
                  + ": published, "
                  + r.packages()
                  + " packages, "
                  + r.downloads()
                  + " files downloaded ("
                  + r.bytes()
                  + " bytes)");
        } else {
          out.println(r.repo() + "/" + date + ": " + r.note());
        }
      }
      return Main.OK;
    } finally {
      downloads.shutdownNow();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  static Map<RepoType, Mirror> mirrors() {
    return Map.of(
        RepoType.CRAN, new CranMirror(), RepoType.PYPI, new dev.tintype.pypi.PypiMirror());
  }

  int list(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(config());
    o.addOption(repo());
    o.addOption(help());
    CommandLine cl = parse("list", o, args, "List published snapshots.");
    if (cl == null) {
      return Main.OK;
    }
    Config cfg = loadConfig(cl);
    Optional<RepoName> only = repoOption(cl, cfg);
    try (Storage storage = Storages.open(cfg.storage())) {
      out.println(String.format("%-16s %-10s %9s %12s", "REPO", "DATE", "PACKAGES", "SIZE"));
      for (RepoConfig r : cfg.repos()) {
        if (only.isPresent() && !only.get().equals(r.name())) {
          continue;
        }
        Optional<SnapshotDate> latest = storage.latest(r.name());
        for (SnapshotDate d : Snapshots.published(storage, r.name())) {
          Manifest m = Snapshots.manifest(storage, r.name(), d);
          out.println(
              String.format(
                  "%-16s %-10s %9d %12s%s",
                  r.name(),
                  d,
                  m.packages(),
                  human(m.totalBytes()),
                  latest.map(d::equals).orElse(false) ? "  (latest)" : ""));
        }
      }
    }
    return Main.OK;
  }

  int verify(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(config());
    o.addOption(repo());
    o.addOption(dateOption("only this snapshot"));
    o.addOption(help());
    CommandLine cl = parse("verify", o, args, "Rehash every file against the manifests.");
    if (cl == null) {
      return Main.OK;
    }
    Config cfg = loadConfig(cl);
    Optional<RepoName> only = repoOption(cl, cfg);
    Optional<SnapshotDate> onlyDate =
        cl.hasOption("date") ? Optional.of(parseDate(cl.getOptionValue("date"))) : Optional.empty();
    int bad = 0;
    int checked = 0;
    try (Storage storage = Storages.open(cfg.storage())) {
      Verifier v = new Verifier(storage);
      for (RepoConfig r : cfg.repos()) {
        if (only.isPresent() && !only.get().equals(r.name())) {
          continue;
        }
        List<SnapshotDate> dates = new ArrayList<>(Snapshots.published(storage, r.name()));
        if (onlyDate.isPresent()) {
          dates = List.of(onlyDate.get());
        }
        for (SnapshotDate d : dates) {
          Verifier.Report rep = v.verify(r.name(), d);
          checked++;
          if (rep.ok()) {
            out.println(
                r.name() + "/" + d + ": ok, " + rep.files() + " files, " + human(rep.bytes()));
          } else {
            bad++;
            out.println(r.name() + "/" + d + ": " + rep.problems().size() + " bad files");
            for (Verifier.Problem p : rep.problems()) {
              out.println("  " + p.key() + ": " + p.detail());
            }
          }
        }
      }
    }
    if (checked == 0) {
      err.println("tintype: verify: no published snapshot to verify");
      return Main.FAILED;
    }
    return bad == 0 ? Main.OK : Main.FAILED;
  }

  CommandLine parse(String cmd, Options o, String[] args, String what) throws UsageException {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException(cmd + ": " + e.getMessage() + " (see 'tintype " + cmd + " --help')");
    }
    if (cl.hasOption("help")) {
      HelpFormatter f = new HelpFormatter();
      java.io.PrintWriter pw = new java.io.PrintWriter(out);
      f.printHelp(pw, 80, "tintype " + cmd + " --config FILE [options]", what, o, 2, 2, "");
      pw.flush();
      return null;
    }
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException(cmd + ": unexpected argument '" + cl.getArgList().get(0) + "'");
    }
    return cl;
  }

  static Config loadConfig(CommandLine cl) throws UsageException, ConfigException {
    if (!cl.hasOption("config")) {
      throw new UsageException("--config FILE is required");
    }
    return ConfigLoader.load(Path.of(cl.getOptionValue("config")));
  }

  static Optional<RepoName> repoOption(CommandLine cl, Config cfg) throws UsageException {
    if (!cl.hasOption("repo")) {
      return Optional.empty();
    }
    String v = cl.getOptionValue("repo");
    RepoName n;
    try {
      n = new RepoName(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--repo: " + e.getMessage());
    }
    if (cfg.repo(n).isEmpty()) {
      throw new UsageException("--repo: no repository named '" + v + "' in the config");
    }
    return Optional.of(n);
  }

  static SnapshotDate parseDate(String v) throws UsageException {
    try {
      return SnapshotDate.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--date: " + e.getMessage());
    }
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
