package dev.tintype.fetch;

import java.io.IOException;

/**
 * The connection failed while a body streamed in (reset, timeout, truncation): the one kind of
 * failure inside a body that {@link Retry} retries. Tagging it lets a page reader's own {@link
 * IOException}s (a parse error, {@link TooLargeException}) pass through unretried.
 */
class TransportException extends IOException {
  private static final long serialVersionUID = 1L;

  TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
