package dev.tintype.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Runs an attempt again after transient failures, as okhttp's RetryAndFollowUpInterceptor does for
 * connections: the only place that decides what is retryable. Waits grow exponentially with jitter
 * (so that parallel downloads do not retry in lockstep), or follow the server's {@code
 * Retry-After}, never longer than the policy's maximum backoff.
 */
final class Retry {
  /** Waits; a seam so tests can see the waits without spending them. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  interface Attempt<T> {
    T run() throws IOException;
  }

  /** Thrown by an attempt to end the retries: its cause is rethrown unchanged. */
  static final class GiveUp extends IOException {
    private static final long serialVersionUID = 1L;

    GiveUp(IOException cause) {
      super(cause);
    }
  }

  static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  Retry(RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  Retry(RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this(policy, sleeper, clock, () -> ThreadLocalRandom.current().nextDouble());
  }

  <T> T run(String what, Attempt<T> attempt) throws IOException {
    IOException last = null;
    for (int i = 1; i <= policy.attempts(); i++) {
      try {
        return attempt.run();
      } catch (GiveUp e) {
        throw (IOException) e.getCause();
      } catch (IOException e) {
        if (!isRetryable(e)) {
          throw e;
        }
        last = e;
      }
      if (i < policy.attempts()) {
        sleep(delay(i, last));
      }
    }
    throw new IOException(
        what + ": failed after " + policy.attempts() + " attempts: " + last.getMessage(), last);
  }

  /**
   * Transient: 5xx, 408 and 429 answers, and connections that fail (refused, reset, timed out,
   * truncated). Never: other statuses, refused URLs, integrity and size failures, missing local
   * files, a rate or deadline failure (a drip retried would cost the rate window once per attempt),
   * an unexpected Content-Encoding, an interrupted thread.
   */
  static boolean isRetryable(IOException e) {
    if (e instanceof HttpStatusException h) {
      return h.status() >= 500 || h.status() == 429 || h.status() == 408;
    }
    if (e instanceof TransportException || e instanceof SocketTimeoutException) {
      return true;
    }
    return !(e instanceof RefusedUrlException
        || e instanceof IntegrityException
        || e instanceof TooLargeException
        || e instanceof NoSuchFileException
        || e instanceof TooSlowException
        || e instanceof RunDeadlineException
        || e instanceof ContentEncodingException
        || e instanceof InterruptedIOException);
  }

  /** The wait after the {@code failedAttempt}-th attempt failed with {@code cause}. */
  Duration delay(int failedAttempt, IOException cause) {
    if (cause instanceof HttpStatusException h && h.retryAfter().isPresent()) {
      Duration asked = retryAfter(h.retryAfter().get());
      if (asked != null) {
        return asked.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : asked;
      }
    }
    long full = policy.backoff(failedAttempt).toMillis();
    // "Equal jitter": at least half the exponential wait, so retries still back off.
    return Duration.ofMillis(full / 2 + (long) (random.getAsDouble() * (full - full / 2)));
  }

  /** Retry-After as delta-seconds or an HTTP date; null when it is neither. */
  private Duration retryAfter(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void sleep(Duration d) throws IOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
