package dev.tintype.cli;

import java.io.PrintStream;

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
    throw new UsageException("export is not implemented yet");
  }

  int importBundle(String[] args) throws Exception {
    throw new UsageException("import is not implemented yet");
  }
}
