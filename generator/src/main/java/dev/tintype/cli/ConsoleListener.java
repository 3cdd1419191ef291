package dev.tintype.cli;

import dev.tintype.sync.Phase;
import dev.tintype.sync.SyncListener;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Prints events. On a terminal a phase's progress is one line rewritten in place and cleared when
 * the phase ends; in a log (not a terminal) a progress line at most every {@link #LOG_EVERY_MILLIS}
 * and a summary line when a phase ends. Rate and ETA come from bytes when the phase knows them,
 * else from counts.
 */
final class ConsoleListener implements SyncListener {
  static final long LOG_EVERY_MILLIS = 10_000;
  // A terminal line is redrawn at most this often: a gc sweep reports every one of a million files.
  static final long TTY_EVERY_MILLIS = 100;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;
  private final LongSupplier millis;
  private Running running;
  private int lineLength;

  /** The phase being reported: when it started and when its last log line was printed. */
  private static final class Running {
    final String repo;
    final String phase;
    final long started;
    long logged;
    long drawn = -1;
    // The last count and bytes of a phase of unknown total, which ends with the next event.
    long done = -1;
    long bytes = -1;

    Running(String repo, String phase, long now) {
      this.repo = repo;
      this.phase = phase;
      this.started = now;
      this.logged = now;
    }

    boolean is(String r, String p) {
      return repo.equals(r) && phase.equals(p);
    }
  }

  ConsoleListener(PrintStream out, PrintStream err, boolean tty) {
    this(out, err, tty, System::currentTimeMillis);
  }

  /** With the clock {@code millis}, which the tests fake so that they never sleep. */
  ConsoleListener(PrintStream out, PrintStream err, boolean tty, LongSupplier millis) {
    this.out = out;
    this.err = err;
    this.tty = tty;
    this.millis = millis;
  }

  @Override
  public synchronized void info(String repo, String message) {
    endPhase();
    clearLine();
    out.println("[" + repo + "] " + message);
  }

  /** A line of its own, on a clean line after any live progress line. */
  synchronized void println(String line) {
    clearLine();
    out.println(line);
  }

  @Override
  public synchronized void warn(String repo, String message) {
    clearLine();
    err.println("[" + repo + "] warning: " + message);
  }

  @Override
  public synchronized void phase(String repo, Phase phase) {
    endPhase();
    clearLine();
    running = new Running(repo, phase.id(), millis.getAsLong());
  }

  @Override
  public void progress(String repo, Phase phase, long done, long total) {
    progress(repo, phase, done, total, -1, -1);
  }

  @Override
  public void progress(
      String repo, Phase phase, long done, long total, long bytes, long totalBytes) {
    progress(repo, phase.id(), done, total, bytes, totalBytes);
  }

  /**
   * The progress of any command's phase (a sync's, a gc's): {@code done} of {@code total} items,
   * {@code bytes} of {@code totalBytes}; a total or bytes of -1 is unknown. The phase ends when
   * {@code done} reaches a known {@code total}.
   */
  synchronized void progress(
      String repo, String phase, long done, long total, long bytes, long totalBytes) {
    long now = millis.getAsLong();
    if (running == null || !running.is(repo, phase)) {
      running = new Running(repo, phase, now);
    }
    long elapsed = Math.max(0, now - running.started);
    if (total < 0) {
      running.done = done;
      running.bytes = bytes;
    }
    if (total >= 0 && done >= total) {
      clearLine();
      out.println(summary(repo, phase, done, bytes, elapsed));
      running = null;
      return;
    }
    // Most calls print nothing (a PyPI nightly reports 200,000 index steps): decide first, then
    // format.
    if (tty
        ? running.drawn >= 0 && now - running.drawn < TTY_EVERY_MILLIS
        : now - running.logged < LOG_EVERY_MILLIS) {
      return;
    }
    String line =
        "["
            + repo
            + "] "
            + phase
            + " "
            + done
            + (total >= 0 ? "/" + total : "")
            + amount(bytes, totalBytes)
            + rate(done, bytes, elapsed)
            + eta(done, total, bytes, totalBytes, elapsed);
    if (tty) {
      running.drawn = now;
      // Pad over the longer previous text so that no tail of it stays visible.
      out.print("\r" + line + " ".repeat(Math.max(0, lineLength - line.length())));
      out.flush();
      lineLength = line.length();
    } else {
      running.logged = now;
      out.println(line);
    }
  }

  static String summary(String repo, String phase, long done, long bytes, long elapsedMillis) {
    return "["
        + repo
        + "] "
        + phase
        + " done: "
        + done
        + (bytes >= 0 ? ", " + Invocation.human(bytes) : "")
        + " in "
        + duration(elapsedMillis)
        + rate(done, bytes, elapsedMillis);
  }

  private static String amount(long bytes, long totalBytes) {
    if (bytes < 0) {
      return "";
    }
    return ", "
        + Invocation.human(bytes)
        + (totalBytes > 0 ? " of " + Invocation.human(totalBytes) : "");
  }

  private static String rate(long done, long bytes, long elapsedMillis) {
    if (elapsedMillis <= 0) {
      return "";
    }
    if (bytes >= 0) {
      return ", " + Invocation.human(bytes * 1000 / elapsedMillis) + "/s";
    }
    return String.format(java.util.Locale.ROOT, ", %.1f/s", done * 1000.0 / elapsedMillis);
  }

  private static String eta(long done, long total, long bytes, long totalBytes, long elapsed) {
    long left = etaMillis(done, total, bytes, totalBytes, elapsed);
    return left < 0 ? "" : ", ETA " + duration(left);
  }

  /**
   * The time left at the rate so far, from bytes when both are known, else from counts; -1 if
   * unknown.
   */
  static long etaMillis(long done, long total, long bytes, long totalBytes, long elapsed) {
    if (elapsed <= 0) {
      return -1;
    }
    if (bytes > 0 && totalBytes >= bytes) {
      return Math.round(elapsed * (double) (totalBytes - bytes) / bytes);
    }
    if (done > 0 && total >= done) {
      return Math.round(elapsed * (double) (total - done) / done);
    }
    return -1;
  }

  static String duration(long millis) {
    long s = (millis + 500) / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return "%dm%02ds".formatted(s / 60, s % 60);
    }
    return "%dh%02dm".formatted(s / 3600, s / 60 % 60);
  }

  /**
   * A phase without a known total (such as building the indexes) ends when the next event comes; it
   * gets its summary then if it counted anything or took long enough to matter.
   */
  private void endPhase() {
    if (running == null) {
      return;
    }
    long elapsed = millis.getAsLong() - running.started;
    if (running.done >= 0) {
      clearLine();
      out.println(summary(running.repo, running.phase, running.done, running.bytes, elapsed));
    } else if (elapsed >= LOG_EVERY_MILLIS) {
      clearLine();
      out.println("[" + running.repo + "] " + running.phase + " done in " + duration(elapsed));
    }
    running = null;
  }

  /** Ends a live terminal line by blanking it, so the next output starts on a clean line. */
  private void clearLine() {
    if (lineLength > 0) {
      out.print("\r" + " ".repeat(lineLength) + "\r");
      lineLength = 0;
    }
  }
}
