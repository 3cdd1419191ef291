package dev.tintype.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JimfsGcTest extends GcContract {
  private FileSystem fs;

  @Override
  Storage create() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    return new FileStorage(fs.getPath("/srv/tintype"));
  }

  @Test
  void aSnapshotLeftInTheTrashByAKilledGcIsRemovedByTheNext() throws IOException {
    twelveDays();
    storage.put(".tintype/trash/cran/2026-03-01-killed/src/contrib/PACKAGES", new byte[] {1});

    GcReport r = gc(THREE_DAYS);

    assertThat(r.abandoned()).containsExactly(".tintype/trash/cran/2026-03-01-killed");
    assertThat(storage.list(".tintype/trash")).isEmpty();
    assertEverySnapshotVerifies();
  }

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }
}
