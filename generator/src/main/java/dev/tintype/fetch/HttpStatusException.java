package dev.tintype.fetch;

import java.io.IOException;

/** Upstream answered with an error status. */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public HttpStatusException(String url, int status) {
    super(url + " answered HTTP " + status);
    this.status = status;
  }

  public int status() {
    return status;
  }

  boolean transient_() {
    return status >= 500 || status == 429 || status == 408;
  }
}
