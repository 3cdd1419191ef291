package dev.tintype.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.manifest.FileEntry;
import java.nio.file.FileSystem;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AddedFilesTest {
  private static FileEntry entry(int i, String md5) {
    String sha = String.format(Locale.ROOT, "%064x", i);
    return new FileEntry("pool/" + sha + "/p" + i + "-1.0.tar.gz", i * 10L, sha, md5);
  }

  @Test
  void everyRecordedFileIsFoundAgainByPathAndNoOtherIs() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      AddedFiles added = new AddedFiles(fs.getPath("/scratch"));
      // Past several flushes of the write buffer and several growths of the table.
      for (int i = 0; i < 5000; i++) {
        added.put(entry(i, i % 2 == 0 ? null : String.format(Locale.ROOT, "%032x", i)));
      }
      for (int i = 0; i < 5000; i++) {
        assertEquals(
            entry(i, i % 2 == 0 ? null : String.format(Locale.ROOT, "%032x", i)),
            added.get(entry(i, null).path()));
      }
      assertNull(added.get(entry(5000, null).path()));
      assertNull(added.get(entry(1, null).path() + ".metadata"));
    }
  }

  @Test
  void aFileRecordedAgainIsFoundAsLastRecorded() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      AddedFiles added = new AddedFiles(fs.getPath("/scratch"));
      added.put(entry(7, null));
      FileEntry again = new FileEntry(entry(7, null).path(), 99, entry(7, null).sha256(), null);
      added.put(again);
      assertEquals(again, added.get(again.path()));
    }
  }
}
