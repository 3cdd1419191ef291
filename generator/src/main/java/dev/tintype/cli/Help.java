package dev.tintype.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.OptionFormatter;
import org.apache.commons.cli.help.TableDefinition;
import org.apache.commons.cli.help.TextHelpAppendable;
import org.apache.commons.cli.help.TextStyle;

/** The text of {@code tintype --help} and of each command's {@code --help}. */
final class Help {
  private static final int WIDTH = 80;

  private Help() {}

  static String overview(List<Subcommand> commands) {
    StringBuilder b = new StringBuilder();
    b.append("usage: tintype [--debug] <command> [options]\n\n");
    b.append("Mirrors CRAN and PyPI into immutable, dated, static snapshots.\n\n");
    b.append("commands:\n");
    for (Subcommand c : commands) {
      b.append(String.format(java.util.Locale.ROOT, "  %-8s %s%n", c.name(), c.summary()));
    }
    b.append("\nRun 'tintype <command> --help' for a command's options.\n");
    b.append("--debug (or TINTYPE_DEBUG=1) prints the stack trace of a failure.\n");
    b.append("\nexit status:\n");
    for (ExitCode c : ExitCode.values()) {
      b.append(String.format(java.util.Locale.ROOT, "  %-8d %s%n", c.code(), c.meaning()));
    }
    return b.toString();
  }

  /** The usage line, the description, then one row per option in the order they were added. */
  static String of(Subcommand c, Options options) {
    StringBuilder wrapped = new StringBuilder();
    TextHelpAppendable text = new TextHelpAppendable(wrapped);
    text.setMaxWidth(WIDTH);
    text.setLeftPad(0);
    text.setIndent(0);
    HelpFormatter f = HelpFormatter.builder().setHelpAppendable(text).setShowSince(false).get();
    List<List<String>> rows = new ArrayList<>();
    for (Option o : options.getOptions()) {
      OptionFormatter of = f.getOptionFormatter(o);
      String name = o.hasArg() ? of.getBothOpt() + " " + of.getArgName() : of.getBothOpt();
      rows.add(List.of(name, of.getDescription()));
    }
    TextStyle names = TextStyle.builder().setLeftPad(2).setIndent(0).setScalable(false).get();
    TextStyle descriptions = TextStyle.builder().setLeftPad(2).setIndent(0).setScalable(true).get();
    try {
      text.printWrapped(c.description());
      f.printOptions(TableDefinition.from("", List.of(names, descriptions), List.of("", ""), rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    StringBuilder b = new StringBuilder();
    b.append("usage: ").append(c.usage()).append('\n');
    for (String line : wrapped.toString().split("\n", -1)) {
      // The table pads every cell, and its (empty) header row is a line of spaces.
      String trimmed = line.stripTrailing();
      if (!trimmed.isEmpty()) {
        b.append(trimmed).append('\n');
      }
    }
    return b.toString();
  }
}
