package dev.tintype.bundle;

import java.io.IOException;

/** A bundle that is damaged, incomplete, unsafe or does not fit the storage it is imported to. */
public final class BadBundleException extends IOException {
  private static final long serialVersionUID = 1L;

  public BadBundleException(String message) {
    super(message);
  }

  public BadBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
