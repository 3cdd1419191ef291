package dev.tintype.cli;

import dev.tintype.bundle.BundleListener;
import dev.tintype.config.Config;
import dev.tintype.config.ConfigException;
import dev.tintype.config.ConfigLoader;
import dev.tintype.config.RepoType;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.SyncListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * One parsed run of a subcommand: its options, where to print, what it is wired to, and the helpers
 * every command shares (config, --repo, dates, listeners).
 */
final class Invocation {
  final PrintStream out;
  final PrintStream err;
  private final boolean tty;
  private final boolean quiet;
  private final Wiring wiring;
  private final Subcommand command;
  private final CommandLine line;
  private final List<String> args;
  private dev.tintype.report.RunRecorder recorder;

  private Invocation(
      PrintStream out,
      PrintStream err,
      boolean tty,
      Wiring wiring,
      Subcommand command,
      CommandLine line,
      List<String> args) {
    this.args = List.copyOf(args);
    // --quiet: nothing but failures, which Main prints, and lines a command writes to err itself
    // because they explain its exit code.
    this.quiet = line.hasOption("quiet");
    this.out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : out;
    this.err = err;
    this.tty = tty;
    this.wiring = wiring;
    this.command = command;
    this.line = line;
  }

  /** Parses {@code args}; prints the help and returns empty on --help. */
  static Optional<Invocation> parse(
      Subcommand c, String[] args, PrintStream out, PrintStream err, boolean tty, Wiring wiring)
      throws UsageException {
    Options o = c.options();
    o.addOption(flag("debug", "print the stack trace of a failure"));
    o.addOption(flag("quiet", "print nothing but errors"));
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException(
          c.name() + ": " + e.getMessage() + " (see 'tintype " + c.name() + " --help')");
    }
    if (cl.hasOption("help")) {
      out.print(Help.of(c, o));
      return Optional.empty();
    }
    if (!c.takesArguments() && !cl.getArgList().isEmpty()) {
      throw new UsageException(c.name() + ": unexpected argument '" + cl.getArgList().get(0) + "'");
    }
    return Optional.of(new Invocation(out, err, tty, wiring, c, cl, List.of(args)));
  }

  // Options more than one command has.

  static Option configOption() {
    return option("config", "FILE", "the tintype.yaml to use");
  }

  static Option repoOption() {
    return option("repo", "NAME", "only this repository");
  }

  static Option dateOption(String desc) {
    return option("date", "YYYY-MM-DD", desc);
  }

  static Option flag(String name, String desc) {
    return Option.builder().longOpt(name).desc(desc).build();
  }

  static Option option(String name, String arg, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
  }

  // The parsed command line.

  String command() {
    return command.name();
  }

  boolean has(String option) {
    return line.hasOption(option);
  }

  Optional<String> value(String option) {
    return Optional.ofNullable(line.getOptionValue(option));
  }

  /** Every value of a repeatable option, in order. */
  List<String> values(String option) {
    String[] v = line.getOptionValues(option);
    return v == null ? List.of() : List.of(v);
  }

  List<String> arguments() {
    return line.getArgList();
  }

  /** The config named by --config, which every command but index needs. */
  Config config() throws UsageException, ConfigException {
    String file =
        value("config").orElseThrow(() -> new UsageException("--config FILE is required"));
    return ConfigLoader.load(Path.of(file));
  }

  /** The repository --repo names, checked against the config. */
  Optional<RepoName> repo(Config cfg) throws UsageException {
    Optional<String> v = value("repo");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    RepoName n;
    try {
      n = new RepoName(v.get());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--repo: " + e.getMessage());
    }
    if (cfg.repo(n).isEmpty()) {
      throw new UsageException("--repo: no repository named '" + v.get() + "' in the config");
    }
    return Optional.of(n);
  }

  /** The date an option such as --date or --since gives, if given. */
  Optional<SnapshotDate> date(String option) throws UsageException {
    Optional<String> v = value(option);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SnapshotDate.parse(v.get()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + option + ": " + e.getMessage());
    }
  }

  // What the command is wired to.

  Map<RepoType, Mirror> mirrors() {
    return wiring.mirrors();
  }

  SyncListener syncListener() {
    // Outermost, so that a decorator that forwards only some calls cannot hide the outcome.
    return recorder().wrap(wiring.listeners().sync(command(), console()));
  }

  /** Prints progress lines for this run: live on a terminal, every 10 s in a log. */
  ConsoleListener console() {
    return new ConsoleListener(out, quiet ? out : err, tty);
  }

  /**
   * What this run's report is gathered in, started at the first call. It holds the command line as
   * given: options name files and dates, never key material (keys are read from the config).
   */
  synchronized dev.tintype.report.RunRecorder recorder() {
    if (recorder == null) {
      recorder = new dev.tintype.report.RunRecorder(java.time.Clock.systemUTC(), command(), args);
    }
    return recorder;
  }

  dev.tintype.gc.GcListener gcListener(dev.tintype.gc.GcListener printer) {
    return wiring.listeners().gc(printer);
  }

  BundleListener bundleListener(String repo) {
    return wiring.listeners().bundle(command(), new BundleProgress(out, repo));
  }

  // Formatting shared by the commands.

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
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
