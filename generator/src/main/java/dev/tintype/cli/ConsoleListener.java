package dev.tintype.cli;

import dev.tintype.sync.Phase;
import dev.tintype.sync.SyncListener;
import java.io.PrintStream;

/** Prints events: a live progress line on a terminal, plain log lines otherwise. */
final class ConsoleListener implements SyncListener {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;
  private boolean lineOpen;
  private long lastLogged = -1;

  ConsoleListener(PrintStream out, PrintStream err, boolean tty) {
    this.out = out;
    this.err = err;
    this.tty = tty;
  }

  @Override
  public synchronized void info(String repo, String message) {
    endLine();
    out.println("[" + repo + "] " + message);
  }

  @Override
  public synchronized void warn(String repo, String message) {
    endLine();
    err.println("[" + repo + "] warning: " + message);
  }

  @Override
  public synchronized void progress(String repo, Phase phase, long done, long total) {
    if (tty) {
      out.print("\r[" + repo + "] " + phase + " " + done + "/" + total);
      lineOpen = done < total;
      if (!lineOpen) {
        out.println();
      }
      return;
    }
    long tenth = total == 0 ? 10 : done * 10 / total;
    if (tenth != lastLogged || done == total) {
      lastLogged = tenth;
      out.println("[" + repo + "] " + phase + " " + done + "/" + total);
    }
  }

  private void endLine() {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }
}
