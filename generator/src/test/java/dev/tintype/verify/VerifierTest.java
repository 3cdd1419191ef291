package dev.tintype.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.storage.FileStorage;
import dev.tintype.testing.SmallHeapJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierTest {
  private static final RepoName PYPI = new RepoName("pypi");
  private static final SnapshotDate DAY1 = SnapshotDate.parse("2026-01-01");
  private static final SnapshotDate DAY2 = SnapshotDate.parse("2026-01-02");
  private static final int N = 23;

  private FileSystem fs;
  private FileStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  /**
   * A snapshot of one page, N pool files, and links to them listed in an order unlike the pool's.
   */
  private void publish(SnapshotDate date, LinkEntry... extra) throws IOException {
    List<FileEntry> files = List.of(put(Layout.snapshotFile(PYPI, date, "index.html"), "<html>"));
    List<FileEntry> pool = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>(List.of(extra));
    for (int i = 0; i < N; i++) {
      String key = String.format(Locale.ROOT, "pool/%02d/f%02d.whl", (i * 7) % N, i);
      FileEntry f = put(key, "wheel " + i);
      pool.add(f);
      // The link's path sorts the other way round from its pool target.
      String link = String.format(Locale.ROOT, "p/%02d/f%02d.whl", N - i, i);
      storage.put(Layout.snapshotFile(PYPI, date, link), ("wheel " + i).getBytes(UTF8));
      links.add(new LinkEntry(link, key));
    }
    for (FileEntry f : files) {
      files = List.of(new FileEntry("index.html", f.size(), f.sha256(), null));
    }
    Manifest m = new Manifest(1, "pypi", "pypi", date.toString(), N, Map.of(), files, links, pool);
    storage.put(Layout.manifest(PYPI, date), ManifestJson.write(m));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private FileEntry put(String key, String content) throws IOException {
    byte[] b = content.getBytes(UTF8);
    storage.put(key, b);
    return new FileEntry(key, b.length, Sha256.hash(b).hex(), null);
  }

  @Test
  void linksSpilledToManySortedRunsAreEachCheckedAgainstTheirPoolEntry() throws IOException {
    publish(DAY1, new LinkEntry("a/dangling.whl", "pool/zz/none.whl"));
    Files.writeString(storage.path(Layout.snapshotFile(PYPI, DAY1, "p/20/f03.whl")), "tampered");
    Files.writeString(storage.path("pool/07/f01.whl"), "tampered too");
    try (Verifier v = new Verifier(storage, Optional.empty(), 4)) {
      Verifier.Report r = v.verify(PYPI, DAY1);
      assertThat(r.problems())
          .extracting(Verifier.Problem::key)
          .containsExactlyInAnyOrder(
              "pypi/2026-01-01/a/dangling.whl", "pypi/2026-01-01/p/20/f03.whl", "pool/07/f01.whl");
      assertThat(r.problems())
          .filteredOn(p -> p.key().endsWith("dangling.whl"))
          .extracting(Verifier.Problem::detail)
          .containsExactly("links to pool/zz/none.whl, which the manifest does not list");
      assertThat(r.files()).isEqualTo(1 + N + N);
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void aCleanSnapshotHasNoProblemAndCountsItsPageItsPoolAndItsLinks() throws IOException {
    publish(DAY1);
    try (Verifier v = new Verifier(storage, Optional.empty(), 5)) {
      Verifier.Report r = v.verify(PYPI, DAY1);
      assertThat(r.problems()).isEmpty();
      assertThat(r.files()).isEqualTo(1 + 2 * N);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 1000})
  void aPoolFileTheLastSnapshotAlsoReferencedIsNotHashedAgain(int spillAfter) throws IOException {
    publish(DAY1);
    publish(DAY2);
    try (Verifier v = new Verifier(storage, Optional.empty(), spillAfter)) {
      assertThat(v.verify(PYPI, DAY1).problems()).isEmpty();
      // Damage after the first check: the second snapshot reuses its result for the pool file,
      // while its own link (a separate file here, as on a copy) is hashed.
      Files.writeString(storage.path("pool/07/f01.whl"), "tampered");
      Files.writeString(storage.path(Layout.snapshotFile(PYPI, DAY2, "p/22/f01.whl")), "bad");
      assertThat(v.verify(PYPI, DAY2).problems())
          .extracting(Verifier.Problem::key)
          .containsExactly("pypi/2026-01-02/p/22/f01.whl");
    }
    assertThat(scratchFiles()).isEmpty();
    try (Verifier fresh = new Verifier(storage)) {
      assertThat(fresh.verify(PYPI, DAY2).problems())
          .extracting(Verifier.Problem::key)
          .contains("pool/07/f01.whl");
    }
  }

  @Test
  void aManifestCutShortIsAProblemOfItsSnapshotNamingIt() throws IOException {
    publish(DAY1);
    Path m = storage.path(Layout.manifest(PYPI, DAY1));
    byte[] whole = Files.readAllBytes(m);
    Files.write(m, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (Verifier v = new Verifier(storage)) {
      Verifier.Report r = v.verify(PYPI, DAY1);
      assertThat(r.ok()).isFalse();
      assertThat(r.problems())
          .extracting(Verifier.Problem::key)
          .contains("pypi/2026-01-01/manifest.json");
    }
  }

  @Test
  void aMissingManifestIsNotAPublishedSnapshot() throws IOException {
    try (Verifier v = new Verifier(storage)) {
      assertThat(v.verify(PYPI, DAY1).problems())
          .extracting(Verifier.Problem::detail)
          .containsExactly("no manifest: not a published snapshot");
    }
  }

  /**
   * 300,000 pool files and links: their entries alone take over 100 MB as objects, so a verifier
   * that holds them fails at -Xmx32m.
   */
  @Test
  void verifyingAHugeSnapshotFitsInASmallHeap(@TempDir Path root) throws Exception {
    SmallHeapJvm.Result r =
        SmallHeapJvm.run("32m", LargeSnapshotCheck.class, root.toString(), "300000");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("600000 files, 0 problems");
  }

  private List<Path> scratchFiles() throws IOException {
    try (Stream<Path> s = Files.list(storage.scratch())) {
      return s.toList();
    }
  }
}
