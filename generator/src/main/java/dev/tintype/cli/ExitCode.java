package dev.tintype.cli;

/** The exit codes of {@code tintype}, in one place. */
enum ExitCode {
  /** The work was done. */
  OK(0),
  /** The work failed: an upstream, storage or verification fault, named on stderr. */
  FAILED(1),
  /** A bad command line or config: nothing was attempted. */
  USAGE(2),
  /** Published, but some configured packages or projects were missing upstream. */
  MISSING(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }
}
