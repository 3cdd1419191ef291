package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The previous snapshot answers the same in memory and from its tables in the scratch dir. */
class PreviousSnapshotTest {
  private static final int N = 2_000;
  @TempDir Path scratch;

  private static FileEntry page(int i) {
    return entry(String.format(Locale.ROOT, "simple/p%05d/index.html", i), null);
  }

  private static FileEntry poolFile(int i) {
    String sha = Sha256.hash(("f" + i).getBytes(StandardCharsets.UTF_8)).hex();
    // Every tenth file shares its name with the one before: a by-name index keeps the later one.
    int name = i % 10 == 9 ? i - 1 : i;
    return new FileEntry(
        "pool/"
            + sha.substring(0, 2)
            + "/"
            + sha.substring(2, 4)
            + "/"
            + sha
            + "/f"
            + name
            + ".tar.gz",
        i,
        sha,
        String.format(Locale.ROOT, "%032x", i));
  }

  private static FileEntry entry(String path, String md5) {
    return new FileEntry(
        path, path.length(), Sha256.hash(path.getBytes(StandardCharsets.UTF_8)).hex(), md5);
  }

  private PreviousSnapshot read(int inMemory) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    List<FileEntry> pool = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      files.add(page(i));
      pool.add(poolFile(i));
    }
    Manifest m =
        new Manifest(
            Manifest.FORMAT, "pypi", "pypi", "2026-11-27", N, Map.of("k", "v"), files, null, pool);
    return PreviousSnapshot.read(
        new ByteArrayInputStream(ManifestJson.write(m)), "m", scratch, inMemory);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 7})
  void answersLookupsPrefixesAndWalksInPathOrder(int inMemory) throws IOException {
    try (PreviousSnapshot p = read(inMemory)) {
      assertThat(p.date()).isEqualTo("2026-11-27");
      assertThat(p.packages()).isEqualTo(N);
      assertThat(p.properties()).containsEntry("k", "v");
      assertThat(p.key("simple/index.json")).isEqualTo("pypi/2026-11-27/simple/index.json");
      for (int i = 0; i < N; i += 37) {
        assertThat(p.file(page(i).path())).isEqualTo(page(i));
        assertThat(p.poolFile(poolFile(i).path())).isEqualTo(poolFile(i));
      }
      assertThat(p.file("simple/p00000/index.htm")).isNull();
      assertThat(p.file("a")).isNull();
      assertThat(p.file("z")).isNull();
      assertThat(p.files("simple/p0012")).containsExactlyElementsOf(range(120, 130));
      assertThat(p.files("simple/q")).isEmpty();
      assertThat(p.files()).containsExactlyElementsOf(range(0, N));
      List<FileEntry> pool = new ArrayList<>();
      p.pool().forEach(pool::add);
      assertThat(pool)
          .hasSize(N)
          .isSortedAccordingTo(java.util.Comparator.comparing(FileEntry::path));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 7})
  void indexesThePoolByAKeyOfItsOwnAsAMapFilledInPathOrderWould(int inMemory) throws IOException {
    try (PreviousSnapshot p = read(inMemory)) {
      Map<String, FileEntry> expected = new java.util.HashMap<>();
      p.pool().forEach(f -> expected.put(name(f), f));
      PreviousSnapshot.PoolIndex byName = p.poolBy("name", PreviousSnapshotTest::name);
      for (int i = 0; i < N; i++) {
        String n = "f" + i + ".tar.gz";
        assertThat(byName.get(n)).as(n).isEqualTo(expected.get(n));
      }
      assertThat(byName.get("nothing")).isNull();
      PreviousSnapshot.PoolIndex byMd5 = p.poolBy("md5", FileEntry::md5);
      assertThat(byMd5.get(poolFile(42).md5())).isEqualTo(poolFile(42));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 7})
  void leavesNothingInTheScratchDirOnceClosed(int inMemory) throws IOException {
    try (PreviousSnapshot p = read(inMemory)) {
      p.poolBy("sha", FileEntry::sha256);
    }
    try (Stream<Path> s = Files.list(scratch)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void aManifestOutOfPathOrderIsRefusedNamingIt() {
    String json =
        "{\"format\":1,\"repo\":\"pypi\",\"type\":\"pypi\",\"date\":\"2026-11-27\",\"packages\":0,"
            + "\"files\":[{\"path\":\"b\",\"size\":1,\"sha256\":\""
            + "0".repeat(64)
            + "\"},{\"path\":\"a\",\"size\":1,\"sha256\":\""
            + "0".repeat(64)
            + "\"}],\"pool\":[]}";
    assertThatThrownBy(
            () ->
                PreviousSnapshot.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    "pypi/2026-11-27/manifest.json",
                    scratch,
                    1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pypi/2026-11-27/manifest.json")
        .hasMessageContaining("out of order");
  }

  private static String name(FileEntry f) {
    return f.path().substring(f.path().lastIndexOf('/') + 1);
  }

  private static List<FileEntry> range(int from, int to) {
    List<FileEntry> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(page(i));
    }
    return out;
  }
}
