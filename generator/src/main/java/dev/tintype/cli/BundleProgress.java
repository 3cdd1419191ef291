package dev.tintype.cli;

import dev.tintype.bundle.BundleListener;
import java.io.PrintStream;

/** Prints one line per chunk of an export or import. */
final class BundleProgress implements BundleListener {
  private final PrintStream out;
  private final String repo;

  BundleProgress(PrintStream out, String repo) {
    this.out = out;
    this.repo = repo;
  }

  @Override
  public void chunk(String name, int number, int total) {
    out.println("[" + repo + "] " + name + " (" + number + "/" + total + ")");
  }

  @Override
  public void unfinishedExportCleared(java.nio.file.Path dir, int files) {
    out.println("[" + repo + "] cleared an unfinished export in " + dir + " (" + files + " files)");
  }

  @Override
  public void chunkSkipped(String name, int number, int total) {
    out.println(
        "[" + repo + "] " + name + " (" + number + "/" + total + "): all files present, skipped");
  }
}
