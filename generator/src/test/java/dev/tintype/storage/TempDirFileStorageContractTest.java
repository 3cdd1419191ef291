package dev.tintype.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

class TempDirFileStorageContractTest extends StorageContract {
  @Override
  Storage create() throws IOException {
    return new FileStorage(tmp.resolve("root"));
  }

  @Override
  void assumeLocksExcludeWithinOneProcess() {
    assumeTrue(
        false,
        "FileStorage locks are OS file locks, which exclude other processes only "
            + "(a second tryLock in one JVM throws OverlappingFileLockException)");
  }
}
