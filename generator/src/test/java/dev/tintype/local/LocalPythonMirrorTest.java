package dev.tintype.local;

import static dev.tintype.local.LocalPythonRun.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fixtures.LocalPythonDir;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local directory of real wheels and sdists, synced into dated snapshots on jimfs. */
class LocalPythonMirrorTest {
  static final Instant JAN = Instant.parse("2026-01-10T12:00:00Z");
  static final Instant MAR = Instant.parse("2026-03-01T08:30:00Z");
  static final PypiFile TOOL_WHEEL =
      PypiFile.wheel("Our.Tool", "1.0")
          .uploaded(JAN)
          .requiresPython(">=3.8")
          .dependsOn("tiny-dep>=0.1");
  static final PypiFile TOOL_SDIST =
      PypiFile.sdist("Our.Tool", "1.0").uploaded(JAN).requiresPython(">=3.8");
  static final PypiFile DEP_WHEEL = PypiFile.wheel("tiny-dep", "0.2").uploaded(MAR);

  @TempDir Path tmp;
  private FileSystem fs;
  private FileStorage storage;
  private LocalPythonDir dir;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    dir = new LocalPythonDir(tmp.resolve("python"));
    dir.add(TOOL_WHEEL);
    dir.add(TOOL_SDIST);
    dir.add(DEP_WHEEL);
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private LocalPythonRun run() {
    return new LocalPythonRun(storage, dir.dir());
  }

  @Test
  void aDirectoryOfWheelsAndSdistsBecomesASimpleIndexWithDigestsTimesAndMetadata()
      throws IOException {
    try (LocalPythonRun run = run()) {
      assertThat(run.sync("2026-12-01").packages()).isEqualTo(2);
    }
    JsonNode root = json("2026-12-01", "simple/index.json");
    List<String> names = new ArrayList<>();
    root.get("projects").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("Our.Tool", "tiny-dep");
    assertThat(text("2026-12-01", "simple/index.html")).contains("our-tool/");

    Map<String, JsonNode> files = files("2026-12-01", "our-tool");
    assertThat(files).containsOnlyKeys("our_tool-1.0-py3-none-any.whl", "our_tool-1.0.tar.gz");
    byte[] wheel = LocalPythonDir.bytes(TOOL_WHEEL);
    JsonNode w = files.get("our_tool-1.0-py3-none-any.whl");
    assertThat(w.get("hashes").get("sha256").asText()).isEqualTo(Sha256.hash(wheel).hex());
    assertThat(w.get("size").asLong()).isEqualTo(wheel.length);
    assertThat(w.get("requires-python").asText()).isEqualTo(">=3.8");
    assertThat(Instant.parse(w.get("upload-time").asText())).isEqualTo(JAN);
    assertThat(w.get("core-metadata").get("sha256").asText()).isNotEmpty();
    assertThat(w.get("url").asText()).startsWith("../../../../pool/");

    JsonNode s = files.get("our_tool-1.0.tar.gz");
    assertThat(s.get("requires-python").asText())
        .as("taken from the sdist's PKG-INFO")
        .isEqualTo(">=3.8");
    assertThat(s.path("core-metadata").isObject() || s.path("core-metadata").asBoolean(false))
        .as("no .metadata for an sdist")
        .isFalse();

    String pool = Layout.poolFile(Sha256.hash(wheel), "our_tool-1.0-py3-none-any.whl");
    assertThat(read(pool)).isEqualTo(wheel);
    byte[] metadata = read(pool + ".metadata");
    assertThat(new String(metadata, StandardCharsets.UTF_8))
        .contains("Name: Our.Tool")
        .contains("Requires-Dist: tiny-dep>=0.1");
    assertThat(Sha256.hash(metadata).hex())
        .isEqualTo(w.get("core-metadata").get("sha256").asText());
    assertThat(text("2026-12-01", "simple/our-tool/index.html"))
        .contains("data-core-metadata=\"sha256=" + Sha256.hash(metadata).hex())
        .contains("data-requires-python=\"&gt;=3.8\"");

    assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse("2026-12-01")).ok()).isTrue();
  }

  @Test
  void aPurgedFileStillInTheDirectoryIsLeftOutOfTheNextSnapshotWithAWarning() throws IOException {
    String wheel = LocalPythonDir.fileName(TOOL_WHEEL);
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      new dev.tintype.purge.Purger(storage, new dev.tintype.purge.PurgeListener() {})
          .run(
              new dev.tintype.purge.Purger.Request(
                  REPO, java.util.Optional.empty(), List.of(wheel), "malware, test"),
              false,
              false);

      run.sync("2026-12-02");

      assertThat(files("2026-12-02", "our-tool")).containsOnlyKeys("our_tool-1.0.tar.gz");
      assertThat(run.warnings)
          .anySatisfy(w -> assertThat(w).contains(wheel).contains("was purged"));
    }
    assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse("2026-12-02")).ok()).isTrue();
  }

  @Test
  void theDirectoryIsLeftAsItWasFilesAreCopiedNotMoved() throws IOException {
    Path wheel = dir.dir().resolve(LocalPythonDir.fileName(TOOL_WHEEL));
    var before = Files.getLastModifiedTime(wheel);
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
    }
    assertThat(Files.readAllBytes(wheel)).isEqualTo(LocalPythonDir.bytes(TOOL_WHEEL));
    assertThat(Files.getLastModifiedTime(wheel)).isEqualTo(before);
    try (var s = Files.list(dir.dir())) {
      assertThat(s.count()).isEqualTo(3);
    }
  }

  @Test
  void aNewFileAddedToTheDirectoryAppearsInTheNextDatedSnapshotAndTheOlderDateIsUnchanged()
      throws IOException {
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      Map<String, byte[]> first = tree("2026-12-01");
      PypiFile newer = PypiFile.wheel("Our.Tool", "1.1").uploaded(MAR).requiresPython(">=3.9");
      dir.add(newer);

      run.sync("2026-12-02");

      assertThat(files("2026-12-02", "our-tool"))
          .containsOnlyKeys(
              "our_tool-1.0-py3-none-any.whl",
              "our_tool-1.0.tar.gz",
              "our_tool-1.1-py3-none-any.whl");
      assertThat(files("2026-12-01", "our-tool"))
          .doesNotContainKey("our_tool-1.1-py3-none-any.whl");
      Map<String, byte[]> again = tree("2026-12-01");
      assertThat(again.keySet()).isEqualTo(first.keySet());
      first.forEach((k, v) -> assertThat(again.get(k)).as(k).isEqualTo(v));
      assertThat(storage.latest(REPO)).contains(SnapshotDate.parse("2026-12-02"));
      for (String date : List.of("2026-12-01", "2026-12-02")) {
        assertThat(new Verifier(storage).verify(REPO, SnapshotDate.parse(date)).ok())
            .as(date)
            .isTrue();
      }
    }
  }

  @Test
  void aDiffOfTwoDatesListsTheNewVersionAsAnUpgrade() throws IOException {
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      dir.add(PypiFile.wheel("Our.Tool", "1.1").uploaded(MAR));
      run.sync("2026-12-02");

      dev.tintype.diff.DiffReport d =
          dev.tintype.diff.SnapshotDiff.between(
              storage,
              REPO,
              dev.tintype.config.RepoType.LOCAL_PYTHON,
              SnapshotDate.parse("2026-12-01"),
              SnapshotDate.parse("2026-12-02"));

      assertThat(d.packages())
          .extracting(c -> c.kind() + " " + c.name() + " " + c.from() + " -> " + c.to())
          .containsExactly("UPGRADED our-tool 1.0 -> 1.1");
    }
  }

  @Test
  void unchangedFilesAreNotCopiedIntoThePoolAgain() throws IOException {
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      assertThat(run.infos).contains("3 package files; 3 to copy into the pool");
      run.sync("2026-12-02");
      assertThat(run.infos).contains("3 package files; 0 to copy into the pool");
      dir.add(PypiFile.sdist("tiny-dep", "0.2").uploaded(MAR));
      run.sync("2026-12-03");
      assertThat(run.infos).contains("4 package files; 1 to copy into the pool");
    }
  }

  @Test
  void aFileRemovedFromTheDirectoryLeavesTheNextSnapshotButStaysInTheOlderOne() throws IOException {
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      Files.delete(dir.dir().resolve(LocalPythonDir.fileName(TOOL_SDIST)));
      run.sync("2026-12-02");
    }
    assertThat(files("2026-12-02", "our-tool")).containsOnlyKeys("our_tool-1.0-py3-none-any.whl");
    assertThat(files("2026-12-01", "our-tool")).containsKey("our_tool-1.0.tar.gz");
  }

  @Test
  void theSameDirectoryGivesTheSameBytes() throws IOException {
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
      run.sync("2026-12-02");
    }
    Map<String, byte[]> a = tree("2026-12-01");
    Map<String, byte[]> b = tree("2026-12-02");
    for (String page :
        List.of("simple/index.json", "simple/our-tool/index.json", "simple/our-tool/index.html")) {
      assertThat(b.get(page)).as(page).isEqualTo(a.get(page));
    }
  }

  @Test
  void aZipSdistGetsRequiresPythonFromItsPkgInfoAndAnSdistWithoutOneGetsNone() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("our_tool-2.0/PKG-INFO"));
      z.write(
          "Metadata-Version: 2.1\nName: our-tool\nVersion: 2.0\nRequires-Python: >=3.10\n\nbody"
              .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    dir.write("our_tool-2.0.zip", zip.toByteArray(), MAR);
    ByteArrayOutputStream bare = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bare)) {
      z.putNextEntry(new ZipEntry("our_tool-2.1/setup.py"));
      z.closeEntry();
    }
    dir.write("our_tool-2.1.zip", bare.toByteArray(), MAR);
    try (LocalPythonRun run = run()) {
      run.sync("2026-12-01");
    }
    Map<String, JsonNode> files = files("2026-12-01", "our-tool");
    assertThat(files.get("our_tool-2.0.zip").get("requires-python").asText()).isEqualTo(">=3.10");
    assertThat(
            files.get("our_tool-2.1.zip").path("requires-python").isNull()
                || files.get("our_tool-2.1.zip").path("requires-python").isMissingNode())
        .isTrue();
  }

  private Map<String, JsonNode> files(String date, String project) throws IOException {
    Map<String, JsonNode> out = new HashMap<>();
    json(date, "simple/" + project + "/index.json")
        .get("files")
        .forEach(f -> out.put(f.get("filename").asText(), f));
    return out;
  }

  private JsonNode json(String date, String relative) throws IOException {
    return new ObjectMapper().readTree(read(key(date, relative)));
  }

  private String text(String date, String relative) throws IOException {
    return new String(read(key(date, relative)), StandardCharsets.UTF_8);
  }

  private static String key(String date, String relative) {
    return Layout.snapshotFile(REPO, SnapshotDate.parse(date), relative);
  }

  private byte[] read(String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  /** Every file of a dated tree (its manifest included), by key. */
  private Map<String, byte[]> tree(String date) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    String prefix = Layout.snapshot(REPO, SnapshotDate.parse(date));
    for (String k : storage.list(prefix)) {
      out.put(k, read(k));
    }
    return out;
  }
}
