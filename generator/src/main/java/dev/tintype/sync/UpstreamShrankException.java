package dev.tintype.sync;

import java.io.IOException;

/** Upstream lists far fewer packages than the last snapshot: treated as an upstream fault. */
public final class UpstreamShrankException extends IOException {
  private static final long serialVersionUID = 1L;

  public UpstreamShrankException(String message) {
    super(message);
  }
}
