package dev.tintype.fetch;

import java.io.IOException;

/** A download finished but is not the file upstream described. */
public final class IntegrityException extends IOException {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String message) {
    super(message);
  }
}
