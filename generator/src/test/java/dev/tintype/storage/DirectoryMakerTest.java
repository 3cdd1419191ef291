package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fixtures.ProcessRunner;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryMakerTest {
  @TempDir Path tmp;

  @Test
  void newDirectoriesWithOrWithoutTheirParentsAreReadableByAll() throws IOException {
    DirectoryMaker maker = new DirectoryMaker();
    Path staging = Files.createDirectory(tmp.resolve("staging"));

    maker.make(staging.resolve("simple/a-pkg"));
    maker.make(staging.resolve("simple/b-pkg"));
    maker.make(staging.resolve("src/contrib/Archive/pkg"));

    for (String d :
        new String[] {"simple", "simple/a-pkg", "simple/b-pkg", "src/contrib/Archive"}) {
      assertThat(mode(staging.resolve(d))).as(d).isEqualTo("rwxr-xr-x");
    }
    assertThat(mode(staging.resolve("src/contrib/Archive/pkg"))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void underAUmaskOf077EveryDirectoryIsStillReadableByAll() throws IOException {
    Path staging = Files.createDirectory(tmp.resolve("staging"));
    ProcessRunner.run(
            Duration.ofMinutes(1),
            tmp,
            Map.of(),
            List.of(
                "/bin/sh",
                "-c",
                "umask 077 && exec java -cp \"$0\" \"$1\" \"$2\"",
                System.getProperty("java.class.path"),
                MakeThree.class.getName(),
                staging.toString()))
        .requireSuccess();

    // The first comes out 0700 under this umask: the mode is set on it and on every later one,
    // parents made on the way included.
    for (String d :
        new String[] {"simple", "simple/a", "simple/b", "simple/c", "pool/aa", "pool/aa/bb"}) {
      assertThat(mode(staging.resolve(d))).as(d).isEqualTo("rwxr-xr-x");
    }
  }

  /** Makes three sibling directories under {@code simple/} of the directory given. */
  static final class MakeThree {
    public static void main(String[] args) throws IOException {
      DirectoryMaker maker = new DirectoryMaker();
      Files.createDirectory(Path.of(args[0], "simple"));
      PublicModes.set(Path.of(args[0], "simple"), PublicModes.DIRECTORY);
      for (String d : new String[] {"a", "b", "c"}) {
        maker.make(Path.of(args[0], "simple", d));
      }
      Files.createDirectory(Path.of(args[0], "pool"));
      PublicModes.set(Path.of(args[0], "pool"), PublicModes.DIRECTORY);
      maker.make(Path.of(args[0], "pool", "aa", "bb"));
    }
  }

  @Test
  void anExistingDirectoryIsKeptAndAFileInTheWayIsRefused() throws IOException {
    DirectoryMaker maker = new DirectoryMaker();
    Path dir = Files.createDirectories(tmp.resolve("made/before"));
    Files.writeString(dir.resolve("keep"), "x");
    Path file = Files.writeString(tmp.resolve("made/file"), "x");

    maker.make(dir);
    assertThat(dir.resolve("keep")).hasContent("x");
    assertThatThrownBy(() -> maker.make(file)).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void aParentRemovedSinceItWasMadeIsMadeAgain() throws IOException {
    DirectoryMaker maker = new DirectoryMaker();
    Path pool = Files.createDirectory(tmp.resolve("pool"));
    maker.make(pool.resolve("aa/bb/one"));
    // As gc leaves the pool once the last file under pool/aa/bb is gone.
    Files.delete(pool.resolve("aa/bb/one"));
    Files.delete(pool.resolve("aa/bb"));
    Files.delete(pool.resolve("aa"));

    maker.make(pool.resolve("aa/bb/two"));

    assertThat(mode(pool.resolve("aa/bb/two"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(pool.resolve("aa/bb"))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void threadsMakingTheSameDirectoriesAtOnceAllSucceed() throws Exception {
    DirectoryMaker maker = new DirectoryMaker();
    Path pool = Files.createDirectory(tmp.resolve("pool"));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> made = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        made.add(
            threads.submit(
                () -> {
                  // Every thread makes the same 64 directories, their parents missing.
                  for (int i = 0; i < 64; i++) {
                    maker.make(pool.resolve("p" + (i % 8)).resolve("q" + i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : made) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    for (int i = 0; i < 64; i++) {
      Path d = pool.resolve("p" + (i % 8)).resolve("q" + i);
      assertThat(mode(d)).as(d.toString()).isEqualTo("rwxr-xr-x");
    }
  }

  @Test
  void aFilesystemWithoutPosixPermissionsGetsPlainDirectories() throws IOException {
    try (FileSystem fs =
        Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic").build())) {
      DirectoryMaker maker = new DirectoryMaker();
      maker.make(fs.getPath("/srv/a/b"));
      maker.make(fs.getPath("/srv/a/c"));
      assertThat(Files.isDirectory(fs.getPath("/srv/a/b"))).isTrue();
      assertThat(Files.isDirectory(fs.getPath("/srv/a/c"))).isTrue();
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
