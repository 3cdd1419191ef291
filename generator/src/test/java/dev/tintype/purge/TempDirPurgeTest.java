package dev.tintype.purge;

import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;

/** purge on a real directory: hard links into the pool. */
class TempDirPurgeTest extends PurgeContract {
  @Override
  Storage create() throws IOException {
    return new FileStorage(Files.createTempDirectory(tmp, "root"));
  }
}
