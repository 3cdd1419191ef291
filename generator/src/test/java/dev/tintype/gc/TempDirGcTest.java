package dev.tintype.gc;

import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;

/** gc on a real directory: hard links into the pool, a real rename into the trash. */
class TempDirGcTest extends GcContract {
  @Override
  Storage create() throws IOException {
    return new FileStorage(Files.createTempDirectory(tmp, "root"));
  }

  // A year runs on jimfs; here the real links and renames of a third of one do.
  @Override
  int simulatedDays() {
    return 100;
  }
}
