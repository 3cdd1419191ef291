package dev.tintype.storage;

import java.io.IOException;

/** Another run holds the repository's lock. */
public final class LockedException extends IOException {
  private static final long serialVersionUID = 1L;

  public LockedException(String message) {
    super(message);
  }
}
