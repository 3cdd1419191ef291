package dev.tintype.cli;

import dev.tintype.bundle.BundleListener;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Prints one line per chunk of an export or import (a chunk is large, so a line each suits a log
 * too), with the time left at the rate of the chunks so far.
 */
final class BundleProgress implements BundleListener {
  private final PrintStream out;
  private final String repo;
  private final LongSupplier millis;
  private long started = -1;
  private int firstNumber;

  BundleProgress(PrintStream out, String repo) {
    this(out, repo, System::currentTimeMillis);
  }

  /** With the clock {@code millis}, which the tests fake. */
  BundleProgress(PrintStream out, String repo, LongSupplier millis) {
    this.out = out;
    this.repo = repo;
    this.millis = millis;
  }

  @Override
  public void chunk(String name, int number, int total) {
    out.println("[" + repo + "] " + name + " (" + number + "/" + total + ")" + eta(number, total));
  }

  /** Counted from the first chunk this run saw, since a resumed import skips the ones it has. */
  private String eta(int number, int total) {
    long now = millis.getAsLong();
    if (started < 0) {
      started = now;
      firstNumber = number;
      return "";
    }
    long left =
        ConsoleListener.etaMillis(
            number - firstNumber, total - firstNumber + 1L, -1, -1, now - started);
    return left < 0 ? "" : ", ETA " + ConsoleListener.duration(left);
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
