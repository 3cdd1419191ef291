package dev.tintype.storage;

import java.io.Closeable;
import java.io.IOException;

/** A held repository lock; closing releases it. */
public interface StorageLock extends Closeable {
  @Override
  void close() throws IOException;
}
