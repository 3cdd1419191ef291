package dev.tintype.fetch;

import java.io.IOException;

/**
 * A package download arrived content-encoded although tintype asked for the bytes as stored ({@code
 * Accept-Encoding: identity}). Never retried.
 */
public final class ContentEncodingException extends IOException {
  private static final long serialVersionUID = 1L;

  public ContentEncodingException(String message) {
    super(message);
  }
}
