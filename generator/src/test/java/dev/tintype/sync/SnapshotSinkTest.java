package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.storage.SnapshotTransaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotSinkTest {
  private static final Manifest HEAD =
      new Manifest(1, "pypi", "pypi", "2026-01-01", 7, Map.of("k", "v"), null, null, null);

  private FileSystem fs;
  private Path scratch;
  private final Map<String, byte[]> written = new HashMap<>();
  private final List<String> linked = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    scratch = Files.createDirectories(fs.getPath("/scratch"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void spilledEntriesComeBackAsTheManifestAnInMemoryOneWouldBe() throws IOException {
    Random r = new Random(42);
    List<FileEntry> files = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>();
    Map<String, FileEntry> pool = new HashMap<>();
    try (SnapshotSink sink = new SnapshotSink(new Recording(), scratch, 3)) {
      for (int i = 0; i < 40; i++) {
        String page = "simple/p" + r.nextInt(1_000_000) + "-" + i + "/index.html";
        byte[] body = ("page " + i).getBytes(StandardCharsets.UTF_8);
        sink.write(page, body);
        files.add(
            new FileEntry(
                page, body.length, dev.tintype.format.layout.Sha256.hash(body).hex(), null));
        FileEntry p = poolFile(r.nextInt(15));
        sink.reference(p);
        pool.putIfAbsent(p.path(), p);
        if (i % 4 == 0) {
          String at = "src/contrib/x" + i + "_1.0.tar.gz";
          sink.link(at, p);
          links.add(new LinkEntry(at, p.path()));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      sink.writeManifest(HEAD, out);

      Manifest expected =
          new Manifest(
              1,
              "pypi",
              "pypi",
              "2026-01-01",
              7,
              Map.of("k", "v"),
              files,
              links,
              List.copyOf(pool.values()));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo(new String(ManifestJson.write(expected), StandardCharsets.UTF_8));
      assertThat(runFiles()).isNotEmpty();
    }
    assertThat(runFiles()).as("run files left after close").isEmpty();
  }

  @Test
  void theFirstReferenceToAPoolFileIsTheOneKept() throws IOException {
    String sha = "ee".repeat(32);
    try (SnapshotSink sink = new SnapshotSink(new Recording(), scratch, 2)) {
      sink.reference(new FileEntry("pool/ee/ee/" + sha + "/a.whl", 10, sha, null));
      sink.reference(poolFile(1));
      sink.reference(poolFile(2));
      sink.reference(new FileEntry("pool/ee/ee/" + sha + "/a.whl", 99, sha, null));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      sink.writeManifest(HEAD, out);

      Manifest m = ManifestJson.read(new java.io.ByteArrayInputStream(out.toByteArray()), "test");
      assertThat(m.pool()).hasSize(3);
      assertThat(m.pool())
          .filteredOn(f -> f.path().endsWith("a.whl"))
          .singleElement()
          .extracting(FileEntry::size)
          .isEqualTo(10L);
    }
  }

  @Test
  void poolFilesReferencedInOrderJoinTheSpooledOnesOnceEachAndAreCounted() throws IOException {
    try (SnapshotSink sink = new SnapshotSink(new Recording(), scratch, 2)) {
      sink.reference(poolFile(5));
      sink.reference(poolFile(1));
      sink.reference(poolFile(8));
      List<FileEntry> earlier = List.of(poolFile(0), poolFile(1), poolFile(3), poolFile(9));
      sink.referenceSorted(earlier);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      sink.writeManifest(HEAD, out);

      Manifest m = ManifestJson.read(new java.io.ByteArrayInputStream(out.toByteArray()), "test");
      assertThat(m.pool())
          .containsExactly(
              poolFile(0), poolFile(1), poolFile(3), poolFile(5), poolFile(8), poolFile(9));
      assertThat(sink.poolFiles()).isEqualTo(6);
      assertThat(sink.poolBytes()).isEqualTo(100 * 6 + 0 + 1 + 3 + 5 + 8 + 9);
      assertThatThrownBy(() -> sink.referenceSorted(List.of()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void poolFilesSaidToBeInOrderButNotAreRefusedWhenTheManifestIsWritten() throws IOException {
    try (SnapshotSink sink = new SnapshotSink(new Recording(), scratch, 2)) {
      sink.referenceSorted(List.of(poolFile(2), poolFile(1)));

      assertThatThrownBy(() -> sink.writeManifest(HEAD, new ByteArrayOutputStream()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not in path order");
    }
  }

  @Test
  void twoFilesAtOnePlaceAreRefusedNamingIt() throws IOException {
    try (SnapshotSink sink = new SnapshotSink(new Recording(), scratch, 2)) {
      sink.write("simple/a/index.html", new byte[] {1});
      sink.write("simple/b/index.html", new byte[] {2});
      sink.write("simple/a/index.html", new byte[] {3});

      assertThatThrownBy(() -> sink.writeManifest(HEAD, new ByteArrayOutputStream()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("two files want the same place 'simple/a/index.html'");
    }
  }

  private List<Path> runFiles() throws IOException {
    try (Stream<Path> s = Files.list(scratch)) {
      return s.toList();
    }
  }

  private static FileEntry poolFile(int i) {
    String sha = String.format("%064x", i + 1);
    return new FileEntry(
        "pool/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha + "/f" + i + ".whl",
        100 + i,
        sha,
        null);
  }

  /** A transaction that only remembers what it was given. */
  private final class Recording implements SnapshotTransaction {
    @Override
    public void write(String relative, byte[] content) {
      written.put(relative, content);
    }

    @Override
    public void write(String relative, Path source) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean link(String relative, String poolKey) {
      linked.add(relative);
      return true;
    }

    @Override
    public void carry(String relative, String earlierKey, String sha256) {
      linked.add(relative);
    }

    @Override
    public void commit(byte[] manifest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void commit(Path manifest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
