package dev.tintype.diff;

import java.io.IOException;

/** A date that names no published snapshot of the repository. */
public final class UnknownSnapshotException extends IOException {
  private static final long serialVersionUID = 1L;

  UnknownSnapshotException(String message) {
    super(message);
  }
}
