package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
  void copyWritesWholeChunksHoweverTheInputArrivesAndCountsEveryByte() throws IOException {
    byte[] data = new byte[200_000];
    new java.util.Random(7).nextBytes(data);
    // A socket hands over a few KB at a time.
    InputStream trickle =
        new java.io.FilterInputStream(new java.io.ByteArrayInputStream(data)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1_000));
          }
        };
    List<Integer> writes = new ArrayList<>();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new AssertionError("one byte at a time");
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
            written.write(b, off, len);
          }
        };

    assertThat(ScratchFile.copy(trickle, out)).isEqualTo(200_000);
    assertThat(writes).containsExactly(65_536, 65_536, 65_536, 3_392);
    assertThat(written.toByteArray()).isEqualTo(data);
    assertThat(ScratchFile.copy(InputStream.nullInputStream(), out)).isZero();
    assertThat(writes).hasSize(4);
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
