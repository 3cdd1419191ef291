package dev.tintype.gc;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.AfterEach;

class JimfsGcTest extends GcContract {
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
