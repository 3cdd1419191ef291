package dev.tintype.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Entry point of the {@code tintype} command: finds the subcommand, runs it, maps failures. */
public final class Main {
  /** Every subcommand, in the order {@code tintype --help} lists them. */
  static final List<Subcommand> COMMANDS =
      List.of(
          new SyncCommand(),
          new ListCommand(),
          new VerifyCommand(),
          new DiffCommand(),
          new ExportCommand(),
          new ImportCommand(),
          new IndexCommand(),
          new GcCommand(),
          new PurgeCommand(),
          new PublishCommand());

  private static final String DEBUG = "--debug";
  private static final String QUIET = "--quiet";

  private Main() {}

  public static void main(String[] args) {
    boolean debug = debugRequested(args);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> Failures.report("thread " + thread.getName(), e, System.err, debug));
    int code = run(args, System.out, System.err, System.console() != null, Wiring.standard());
    if (Boolean.getBoolean("tintype.archive-classes")) {
      // Set by scripts/tintype on the run that writes the class-data archive.
      dev.tintype.storage.S3ClassTraining.run();
    }
    System.out.flush();
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
    return run(args, out, err, tty, Wiring.standard());
  }

  /**
   * Runs one command line with the given wiring and returns the exit code. Never throws: every
   * failure becomes a line on {@code err}.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean tty, Wiring w) {
    boolean debug = debugRequested(args);
    int first = 0;
    boolean quietFirst = false;
    while (first < args.length && (args[first].equals(DEBUG) || args[first].equals(QUIET))) {
      quietFirst |= args[first].equals(QUIET);
      first++;
    }
    if (first == args.length || List.of("--help", "-h", "help").contains(args[first])) {
      out.print(Help.overview(COMMANDS));
      return (first == args.length ? ExitCode.USAGE : ExitCode.OK).code();
    }
    String name = args[first];
    Optional<Subcommand> command = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    if (command.isEmpty()) {
      err.println(
          "tintype: unknown command '"
              + name
              + "'; expected one of: "
              + COMMANDS.stream().map(Subcommand::name).collect(Collectors.joining(", "))
              + " (see --help)");
      return ExitCode.USAGE.code();
    }
    String[] rest = Arrays.copyOfRange(args, first + 1, args.length);
    if (quietFirst) {
      // Given before the command, --quiet still belongs to the command's options.
      rest = Arrays.copyOf(rest, rest.length + 1);
      rest[rest.length - 1] = QUIET;
    }
    try {
      Optional<Invocation> inv = Invocation.parse(command.get(), rest, out, err, tty, w);
      return inv.isEmpty() ? ExitCode.OK.code() : command.get().run(inv.get()).code();
    } catch (Throwable t) { // NOPMD: an Error, too, must end as one line and exit code 1
      return Failures.report(name, t, err, debug).code();
    }
  }

  /** --debug anywhere on the line (before or after the command), or TINTYPE_DEBUG=1. */
  static boolean debugRequested(String[] args) {
    String env = System.getenv("TINTYPE_DEBUG");
    boolean fromEnv = env != null && !env.isBlank() && !env.equals("0");
    return fromEnv || Arrays.asList(args).contains(DEBUG);
  }
}
