package dev.tintype.storage;

import java.io.IOException;

class TempDirFileStorageContractTest extends StorageContract {
  @Override
  Storage create() throws IOException {
    return new FileStorage(tmp.resolve("root"));
  }
}
