package dev.tintype.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Enforces {@code download.min-rate} over every {@code download.rate-window} and the {@code
 * download.run-deadline} on every request a run makes, headers included: a server that drips one
 * byte a second, or sends nothing, never trips a per-read timeout, so something outside the blocked
 * thread must notice and cancel the call.
 *
 * <p>One daemon thread per JVM does the ticking (as okio's own watchdog does); it does no I/O.
 */
final class Watchdog {
  private static final ScheduledThreadPoolExecutor TICKS = ticks();

  private final long minRate;
  private final Duration window;
  private final Optional<Duration> runDeadline;
  private final long deadlineNanos;
  private final LongSupplier nanos;

  Watchdog(FetchPolicy p, LongSupplier nanos) {
    this.minRate = p.minRate();
    this.window = p.rateWindow();
    this.runDeadline = p.runDeadline();
    this.nanos = nanos;
    long now = nanos.getAsLong();
    long d = p.runDeadline().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    this.deadlineNanos = Long.MAX_VALUE - now < d ? Long.MAX_VALUE : now + d;
  }

  /** Fails before a request if the run deadline has passed. */
  void checkDeadline(String url) throws RunDeadlineException {
    if (deadlinePassed(nanos.getAsLong())) {
      throw deadline(url, 0);
    }
  }

  /** Starts watching a request to {@code url}; {@link Transfer#finish()} ends it. */
  Transfer start(String url) throws RunDeadlineException {
    checkDeadline(url);
    Transfer t = new Transfer(url, this, nanos.getAsLong());
    long tick = Math.max(20, Math.min(1000, window.toMillis() / 10));
    t.watchedBy(TICKS.scheduleAtFixedRate(t::tick, tick, tick, TimeUnit.MILLISECONDS));
    return t;
  }

  /** {@code d}, or less if the run deadline comes first. */
  Duration capToDeadline(Duration d) {
    if (deadlineNanos == Long.MAX_VALUE) {
      return d;
    }
    long left = Math.max(0, deadlineNanos - nanos.getAsLong());
    // Rounded up: a sleeper waking a hair early would let one more attempt start.
    Duration untilPassed = Duration.ofMillis(left / 1_000_000 + 2);
    return d.compareTo(untilPassed) > 0 ? untilPassed : d;
  }

  long now() {
    return nanos.getAsLong();
  }

  long windowNanos() {
    return window.toNanos();
  }

  long minRate() {
    return minRate;
  }

  boolean deadlinePassed(long now) {
    return now - deadlineNanos >= 0 && deadlineNanos != Long.MAX_VALUE;
  }

  RunDeadlineException deadline(String url, long bytes) {
    return new RunDeadlineException(
        url
            + ": stopped, the run deadline download.run-deadline ("
            + Durations.format(runDeadline.orElseThrow())
            + ") has passed"
            + (bytes > 0 ? " after " + bytes + " bytes" : ""));
  }

  TooSlowException tooSlow(String url, long bytes, long spanNanos) {
    double seconds = spanNanos / 1e9;
    return new TooSlowException(
        String.format(
            java.util.Locale.ROOT,
            "%s: too slow: %d bytes in the last %.1f s (%.1f bytes/s), below download.min-rate of"
                + " %d bytes/s over download.rate-window %s",
            url,
            bytes,
            seconds,
            bytes / seconds,
            minRate,
            Durations.format(window)));
  }

  private static ScheduledThreadPoolExecutor ticks() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "tintype-fetch-watchdog");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
