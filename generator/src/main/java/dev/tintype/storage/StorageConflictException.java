package dev.tintype.storage;

import java.io.IOException;

/** Different content was about to replace an existing object: refused, never overwritten. */
public final class StorageConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageConflictException(String key, String detail) {
    super("refusing to overwrite '" + key + "' with different content: " + detail);
  }
}
