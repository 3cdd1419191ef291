package dev.tintype.fetch;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;

/**
 * One request being watched, from before its headers to the end of its body: bytes so far, the call
 * to cancel, and the watchdog's verdict once it has one.
 */
final class Transfer {
  private final String url;
  private final Watchdog watchdog;
  private final AtomicLong bytes = new AtomicLong();
  // Samples of (time, bytes), touched only by the ticking thread.
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();
  private volatile Call call;
  private volatile IOException failure;
  private volatile ScheduledFuture<?> ticking;

  Transfer(String url, Watchdog watchdog, long startNanos) {
    this.url = url;
    this.watchdog = watchdog;
    samples.add(new long[] {startNanos, 0});
  }

  void watchedBy(ScheduledFuture<?> f) {
    ticking = f;
  }

  /** The call now in flight for this request (a new one after each redirect). */
  void call(Call c) {
    call = c;
    if (failure != null) {
      c.cancel();
    }
  }

  void add(long n) {
    bytes.addAndGet(n);
  }

  /** The watchdog's verdict, or null. */
  IOException failure() {
    return failure;
  }

  /** What to throw for {@code e}, which a cancelled call raises: the watchdog's reason if any. */
  IOException explain(IOException e) {
    IOException f = failure;
    return f != null ? f : e;
  }

  void finish() {
    ScheduledFuture<?> f = ticking;
    if (f != null) {
      f.cancel(false);
    }
  }

  void tick() {
    if (failure != null) {
      return;
    }
    long now = watchdog.now();
    long b = bytes.get();
    if (watchdog.deadlinePassed(now)) {
      fail(watchdog.deadline(url, b));
      return;
    }
    long window = watchdog.windowNanos();
    samples.addLast(new long[] {now, b});
    while (samples.size() > 2 && now - secondOldest()[0] >= window) {
      samples.removeFirst();
    }
    long[] oldest = samples.peekFirst();
    long span = now - oldest[0];
    long got = b - oldest[1];
    if (span >= window
        && watchdog.minRate() > 0
        && got * 1e9 < watchdog.minRate() * (double) span) {
      fail(watchdog.tooSlow(url, got, span));
    }
  }

  private long[] secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }

  private void fail(IOException reason) {
    failure = reason;
    finish();
    Call c = call;
    if (c != null) {
      c.cancel();
    }
  }
}
