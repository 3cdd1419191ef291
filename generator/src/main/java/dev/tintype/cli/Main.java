package dev.tintype.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of the {@code tintype} command: parses, runs, maps errors to exit codes. */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.console() != null);
    System.out.flush();
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(Commands.overview());
      return args.length == 0 ? USAGE : OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Commands commands = new Commands(out, err, tty);
    try {
      return switch (args[0]) {
        case "sync" -> commands.sync(rest);
        case "list" -> commands.list(rest);
        case "verify" -> commands.verify(rest);
        case "index" -> new IndexCommand(out, err).run(rest);
        case "export" -> new BundleCommands(commands, out, err).export(rest);
        case "import" -> new BundleCommands(commands, out, err).importBundle(rest);
        default ->
            throw new UsageException(
                "unknown command '"
                    + args[0]
                    + "'; expected one of: sync, list, verify, export, import (see --help)");
      };
    } catch (UsageException e) {
      err.println("tintype: " + e.getMessage());
      return USAGE;
    } catch (dev.tintype.config.ConfigException e) {
      err.println("tintype: " + e.getMessage());
      return USAGE;
    } catch (Exception e) {
      err.println("tintype: " + args[0] + " failed: " + describe(e));
      if (System.getenv("TINTYPE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return FAILED;
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
      m = m + " (caused by: " + c.getMessage() + ")";
    }
    return m;
  }
}
