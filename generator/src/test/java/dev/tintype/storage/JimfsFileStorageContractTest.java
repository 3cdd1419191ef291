package dev.tintype.storage;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.AfterEach;

class JimfsFileStorageContractTest extends StorageContract {
  private FileSystem fs;

  @Override
  Storage create() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    return new FileStorage(fs.getPath("/srv/tintype"));
  }

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }
}
