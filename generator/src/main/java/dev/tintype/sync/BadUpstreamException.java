package dev.tintype.sync;

import java.io.IOException;

/** Upstream data that tintype refuses: the message names the record and what was wrong. */
public final class BadUpstreamException extends IOException {
  private static final long serialVersionUID = 1L;

  public BadUpstreamException(String message) {
    super(message);
  }

  public BadUpstreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
