package dev.tintype.fetch;

import java.io.IOException;

/**
 * A response averaged less than {@code download.min-rate} over a {@code download.rate-window}. Not
 * retried: a drip would otherwise cost the window once per attempt.
 */
public final class TooSlowException extends IOException {
  private static final long serialVersionUID = 1L;

  public TooSlowException(String message) {
    super(message);
  }
}
