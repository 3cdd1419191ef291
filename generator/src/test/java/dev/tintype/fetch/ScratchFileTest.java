package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class ScratchFileTest {
  @Test
  void aScratchFileIsNewPrivateAndMadeInADirectoryThatWasMissing() throws IOException {
    try (FileSystem fs =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix")
                .build())) {
      Path dir = fs.getPath("/srv/tintype/.tintype/tmp/cran");
      ScratchFile a = ScratchFile.create(dir);
      ScratchFile b = ScratchFile.create(dir);
      try (OutputStream out = a.out()) {
        out.write(new byte[] {1, 2, 3});
      }
      b.out().close();

      assertThat(a.path()).isNotEqualTo(b.path());
      assertThat(a.path().getParent()).isEqualTo(dir);
      assertThat(a.path().getFileName().toString()).startsWith("dl-").endsWith(".part");
      assertThat(Files.readAllBytes(a.path())).containsExactly(1, 2, 3);
      assertThat(Files.size(b.path())).isZero();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aFilesystemWithoutPosixPermissionsGetsScratchFilesToo() throws IOException {
    try (FileSystem fs =
        Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic").build())) {
      ScratchFile a = ScratchFile.create(fs.getPath("/tmp/scratch"));
      a.out().close();
      assertThat(a.path()).exists();
    }
  }
}
