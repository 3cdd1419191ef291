package dev.tintype.fetch;

import java.time.Duration;

/** How often and how patiently to retry transient failures (5xx, resets, truncation). */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  public static RetryPolicy standard() {
    return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  Duration backoff(int failedAttempt) {
    long ms = firstBackoff.toMillis() << Math.min(failedAttempt - 1, 16);
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}
