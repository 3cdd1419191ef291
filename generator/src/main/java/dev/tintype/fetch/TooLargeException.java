package dev.tintype.fetch;

import java.io.IOException;

/** Upstream sent more than a configured limit allows. Never retried. */
public final class TooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String message) {
    super(message);
  }
}
