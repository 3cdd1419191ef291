package dev.tintype.fetch;

import java.io.IOException;
import java.util.Optional;

/** Upstream answered with an error status. Whether it is retried is {@link Retry}'s decision. */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String retryAfter;

  public HttpStatusException(String url, int status) {
    this(url, status, null);
  }

  /** {@code retryAfter} is the raw {@code Retry-After} header, or null. */
  public HttpStatusException(String url, int status, String retryAfter) {
    super(url + " answered HTTP " + status);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The {@code Retry-After} header as sent (seconds or an HTTP date). */
  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
