package dev.tintype.cli;

import org.apache.commons.cli.Options;

/**
 * One {@code tintype <name>} command. A new command is one class implementing this and one line in
 * {@link Main#COMMANDS}; parsing, help, config loading and error handling are shared.
 */
interface Subcommand {
  /** The word after {@code tintype}. */
  String name();

  /** Its line in {@code tintype --help}. */
  String summary();

  /** The usage line of its help, such as {@code tintype list --config FILE [options]}. */
  String usage();

  /** The sentence under the usage line. */
  String description();

  /** Its own options; {@code --help} and {@code --debug} are added to every command. */
  Options options();

  /**
   * Whether it takes positional arguments (it then checks them itself); otherwise any is refused.
   */
  default boolean takesArguments() {
    return false;
  }

  ExitCode run(Invocation inv) throws Exception;
}
