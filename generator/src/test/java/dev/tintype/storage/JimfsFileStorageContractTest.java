package dev.tintype.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  @Override
  void assumeLocksExcludeWithinOneProcess() {
    assumeTrue(
        false,
        "FileStorage locks are OS file locks, which exclude other processes only "
            + "(a second tryLock in one JVM throws OverlappingFileLockException)");
  }

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }
}
