package dev.tintype.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarTest {
  private static final String LONG =
      "pkg/inst/" + "deeply/nested/".repeat(10) + "file-with-a-long-name.txt";

  private static byte[] tar(int longFileMode, String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      t.setLongFileMode(longFileMode);
      for (String n : names) {
        TarArchiveEntry e = new TarArchiveEntry(n);
        byte[] content =
            n.endsWith("/") ? new byte[0] : ("content of " + n).getBytes(StandardCharsets.UTF_8);
        e.setSize(content.length);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static List<String> names(byte[] archive) throws IOException {
    Tar t = new Tar(new ByteArrayInputStream(archive));
    List<String> out = new ArrayList<>();
    for (Tar.Entry e = t.next(); e != null; e = t.next()) {
      out.add(e.name() + (e.directory() ? " (dir)" : ""));
    }
    return out;
  }

  @Test
  void membersAreListedInOrderWithDirectoriesMarked() throws IOException {
    assertThat(
            names(
                tar(
                    TarArchiveOutputStream.LONGFILE_ERROR,
                    "pkg/",
                    "pkg/DESCRIPTION",
                    "pkg/src/",
                    "pkg/src/a.c")))
        .containsExactly("pkg/ (dir)", "pkg/DESCRIPTION", "pkg/src/ (dir)", "pkg/src/a.c");
  }

  @Test
  void longNamesAreReadFromGnuAndPaxHeaders() throws IOException {
    assertThat(names(tar(TarArchiveOutputStream.LONGFILE_GNU, LONG, "pkg/DESCRIPTION")))
        .containsExactly(LONG, "pkg/DESCRIPTION");
    assertThat(names(tar(TarArchiveOutputStream.LONGFILE_POSIX, LONG, "pkg/DESCRIPTION")))
        .containsExactly(LONG, "pkg/DESCRIPTION");
  }

  @Test
  void aMembersContentIsReadAndTheRestSkipped() throws IOException {
    Tar t =
        new Tar(
            new ByteArrayInputStream(
                tar(
                    TarArchiveOutputStream.LONGFILE_GNU,
                    LONG,
                    "pkg/DESCRIPTION",
                    "pkg/NAMESPACE")));
    assertThat(t.next().name()).isEqualTo(LONG);
    assertThat(t.next().name()).isEqualTo("pkg/DESCRIPTION");
    assertThat(new String(t.content(1000), StandardCharsets.UTF_8))
        .isEqualTo("content of pkg/DESCRIPTION");
    assertThat(t.next().name()).isEqualTo("pkg/NAMESPACE");
    assertThat(t.next()).isNull();
  }

  @Test
  void somethingThatIsNotTarIsRefused() {
    byte[] junk = new byte[1024];
    Arrays.fill(junk, (byte) 'x');
    assertThatThrownBy(() -> names(junk)).hasMessageContaining("not a tar archive");
  }

  @Test
  void aTruncatedArchiveIsAnError() throws IOException {
    byte[] whole = tar(TarArchiveOutputStream.LONGFILE_ERROR, "pkg/DESCRIPTION", "pkg/NAMESPACE");
    assertThatThrownBy(() -> names(Arrays.copyOf(whole, 700))).isInstanceOf(EOFException.class);
  }
}
