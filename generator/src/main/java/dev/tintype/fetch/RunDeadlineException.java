package dev.tintype.fetch;

import java.io.IOException;

/**
 * The run deadline ({@code download.run-deadline}) passed before or while fetching. Never retried.
 */
public final class RunDeadlineException extends IOException {
  private static final long serialVersionUID = 1L;

  public RunDeadlineException(String message) {
    super(message);
  }
}
