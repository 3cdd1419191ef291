package dev.tintype.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a run's {@link Fetcher} enforces on upstreams, from the {@code download.*} and {@code
 * limits.*} config keys.
 *
 * @param minRate bytes per second a response must average over every {@code rateWindow} ({@code
 *     download.min-rate}); the response headers count as part of the first window
 * @param rateWindow {@code download.rate-window}
 * @param runDeadline {@code download.run-deadline}: no request starts or goes on once it has passed
 *     since the fetcher was made; empty for none
 * @param maxRedirects {@code download.max-redirects}
 * @param allowedHosts {@code download.allowed-hosts}, lower case; empty for any http(s) host (a
 *     repository's own upstream host is always allowed)
 */
public record FetchPolicy(
    RetryPolicy retry,
    Limits limits,
    long minRate,
    Duration rateWindow,
    Optional<Duration> runDeadline,
    int maxRedirects,
    Set<String> allowedHosts) {
  public static final long DEFAULT_MIN_RATE = 1024;
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  public FetchPolicy {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(runDeadline, "runDeadline");
    if (minRate < 0) {
      throw new IllegalArgumentException("download.min-rate must not be negative");
    }
    if (rateWindow.isNegative() || rateWindow.isZero()) {
      throw new IllegalArgumentException("download.rate-window must be positive");
    }
    if (runDeadline.isPresent() && (runDeadline.get().isNegative() || runDeadline.get().isZero())) {
      throw new IllegalArgumentException("download.run-deadline must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("download.max-redirects must not be negative");
    }
    TreeSet<String> hosts = new TreeSet<>();
    for (String h : allowedHosts) {
      if (h == null || h.isBlank()) {
        throw new IllegalArgumentException("download.allowed-hosts has an empty host");
      }
      hosts.add(h.strip().toLowerCase(Locale.ROOT));
    }
    allowedHosts = Set.copyOf(hosts);
  }

  public static FetchPolicy defaults() {
    return of(RetryPolicy.standard());
  }

  /** The defaults, with {@code retry}. */
  public static FetchPolicy of(RetryPolicy retry) {
    return new FetchPolicy(
        retry,
        Limits.defaults(),
        DEFAULT_MIN_RATE,
        DEFAULT_RATE_WINDOW,
        Optional.empty(),
        DEFAULT_MAX_REDIRECTS,
        Set.of());
  }

  public FetchPolicy withRetry(RetryPolicy r) {
    return new FetchPolicy(r, limits, minRate, rateWindow, runDeadline, maxRedirects, allowedHosts);
  }

  public FetchPolicy withLimits(Limits l) {
    return new FetchPolicy(retry, l, minRate, rateWindow, runDeadline, maxRedirects, allowedHosts);
  }

  public FetchPolicy withRate(long bytesPerSecond, Duration window) {
    return new FetchPolicy(
        retry, limits, bytesPerSecond, window, runDeadline, maxRedirects, allowedHosts);
  }

  public FetchPolicy withRunDeadline(Duration d) {
    return new FetchPolicy(
        retry, limits, minRate, rateWindow, Optional.of(d), maxRedirects, allowedHosts);
  }

  public FetchPolicy withRedirects(int max) {
    return new FetchPolicy(retry, limits, minRate, rateWindow, runDeadline, max, allowedHosts);
  }

  public FetchPolicy withAllowedHosts(Set<String> hosts) {
    return new FetchPolicy(retry, limits, minRate, rateWindow, runDeadline, maxRedirects, hosts);
  }
}
