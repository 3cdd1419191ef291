package dev.tintype.cli;

import dev.tintype.config.StorageConfig;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.S3Storage;
import dev.tintype.storage.Storage;
import java.io.IOException;

/** Opens the configured storage backend. */
final class Storages {
  private Storages() {}

  static Storage open(StorageConfig cfg) throws IOException {
    if (cfg.filesystem().isPresent()) {
      return new FileStorage(cfg.filesystem().get());
    }
    return S3Storage.open(cfg.s3().orElseThrow());
  }
}
