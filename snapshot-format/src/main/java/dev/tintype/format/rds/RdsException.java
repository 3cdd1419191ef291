package dev.tintype.format.rds;

import java.io.IOException;

/** An .rds that is not an R object this reader supports, or breaks its bounds. */
public final class RdsException extends IOException {
  public RdsException(String message) {
    super(message);
  }

  public RdsException(String message, Throwable cause) {
    super(message, cause);
  }
}
