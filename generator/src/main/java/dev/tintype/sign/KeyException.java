package dev.tintype.sign;

import java.io.IOException;

/** A signing key or trusted-keys file tintype cannot use. Messages never hold key material. */
public final class KeyException extends IOException {
  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
