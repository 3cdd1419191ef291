package dev.tintype.fetch;

import java.io.IOException;

/**
 * A URL or redirect the {@link UrlPolicy} does not allow; raised before anything is opened, never
 * retried. The message names the URL and the rule, and nothing about local files.
 */
public final class RefusedUrlException extends IOException {
  private static final long serialVersionUID = 1L;

  public RefusedUrlException(String message) {
    super(message);
  }
}
