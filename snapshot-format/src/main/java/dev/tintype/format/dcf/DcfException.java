package dev.tintype.format.dcf;

import java.io.IOException;

/** A DCF file that cannot be read: the message names the source, the line and what was found. */
public class DcfException extends IOException {
  private static final long serialVersionUID = 1L;

  public DcfException(String message) {
    super(message);
  }

  public DcfException(String message, Throwable cause) {
    super(message, cause);
  }
}
