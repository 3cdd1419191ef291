package dev.tintype.cli;

/** The exit codes of {@code tintype}, in one place. */
enum ExitCode {
  /** The work was done. */
  OK(0, "the work was done"),
  /** The work failed: an upstream, storage or verification fault, named on stderr. */
  FAILED(1, "the work failed; stderr says why"),
  /** A bad command line or config: nothing was attempted. */
  USAGE(2, "bad command line or config: nothing was attempted"),
  /** Published, but some configured packages or projects were missing upstream. */
  MISSING(3, "published, but configured packages or projects were missing upstream");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** One line for {@code tintype --help}. */
  String meaning() {
    return meaning;
  }

  int code() {
    return code;
  }
}
