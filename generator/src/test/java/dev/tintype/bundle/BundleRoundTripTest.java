package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BundleRoundTripTest {
  static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");
  static final SnapshotDate D2 = SnapshotDate.parse("2026-12-04");

  private FileSystem fs;
  private FileStorage a;
  private FileStorage b;
  private Path media;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    a = new FileStorage(fs.getPath("/online"));
    b = new FileStorage(fs.getPath("/offline"));
    media = fs.getPath("/media/usb");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  static HandMade first() {
    return new HandMade()
        .pkg("pkgA_1.0.0.tar.gz", 150_000)
        .pkg("pkgB_0.1.0.tar.gz", 20_000)
        .pkg("empty_0.0.1.tar.gz", 0)
        .pkg("pkgC_2.0.tar.gz", 90_000);
  }

  static HandMade second() {
    return first()
        .without("pkgA_1.0.0.tar.gz")
        .pkg("pkgA_1.1.0.tar.gz", 160_000)
        .pkg("pkgD_0.9.tar.gz", 5_000);
  }

  private Bundle export(SnapshotDate date, Optional<SnapshotDate> since, Path out, long chunk)
      throws IOException {
    Exporter e = new Exporter(a);
    e.write(e.plan(CRAN, date, since, chunk), out, BundleListener.NONE);
    return Bundle.open(out);
  }

  @Test
  void aFullBundleImportsToAnEmptyRootAsAByteIdenticalSnapshot() throws IOException {
    byte[] manifest = first().publish(a, D1.toString());
    Bundle bundle = export(D1, Optional.empty(), media.resolve("full"), ChunkSize.MIN);
    assertThat(bundle.toc().chunks()).hasSizeGreaterThan(3);
    assertThat(chunkFiles(media.resolve("full"))).hasSize(bundle.toc().chunks().size());

    Importer.Result r =
        new Importer(b).importBundle(Bundle.open(media.resolve("full")), BundleListener.NONE);

    assertThat(r.published()).isTrue();
    assertThat(r.stored()).isEqualTo(4);
    assertThat(readAll(b, Layout.manifest(CRAN, D1))).isEqualTo(manifest);
    assertThat(keys(b)).isEqualTo(keys(a));
    for (String key : keys(a)) {
      assertThat(readAll(b, key)).as(key).isEqualTo(readAll(a, key));
    }
    assertThat(
            Files.isSameFile(
                b.path("cran/2026-11-27/src/contrib/pkgB_0.1.0.tar.gz"),
                b.path(poolKeyOf("pkgB_0.1.0.tar.gz"))))
        .as("links are hard links into the pool, as sync makes them")
        .isTrue();
    assertThat(new Verifier(b).verify(CRAN, D1).problems()).isEmpty();
    assertThat(b.latest(CRAN)).contains(D1);
    assertThat(Files.list(b.scratch()).toList()).as("scratch is cleaned up").isEmpty();
  }

  @Test
  void aFileLargerThanAChunkIsSplitAcrossChunksAndEveryChunkStaysBelowTheSize() throws IOException {
    first().publish(a, D1.toString());
    Bundle bundle = export(D1, Optional.empty(), media.resolve("full"), ChunkSize.MIN);
    String big = poolKeyOf("pkgA_1.0.0.tar.gz");
    long chunksHoldingBig =
        bundle.toc().chunks().stream()
            .filter(c -> c.entries().stream().anyMatch(e -> e.path().equals(big)))
            .count();
    assertThat(chunksHoldingBig).isGreaterThanOrEqualTo(3);
    for (Toc.Chunk c : bundle.toc().chunks()) {
      assertThat(Files.size(media.resolve("full").resolve(c.name())))
          .isEqualTo(c.size())
          .isLessThan(ChunkSize.MIN);
    }
  }

  @Test
  void exportingTheSameSnapshotTwiceGivesTheSameBytes() throws IOException {
    first().publish(a, D1.toString());
    export(D1, Optional.empty(), media.resolve("one"), ChunkSize.MIN);
    export(D1, Optional.empty(), media.resolve("two"), ChunkSize.MIN);
    List<Path> one = chunkFiles(media.resolve("one"));
    assertThat(one).isNotEmpty();
    for (Path p : one) {
      Path other = media.resolve("two").resolve(p.getFileName().toString());
      assertThat(Files.mismatch(p, other)).as(p.toString()).isEqualTo(-1);
    }
    assertThat(Files.readAllBytes(media.resolve("two/tintype-bundle.json")))
        .isEqualTo(Files.readAllBytes(media.resolve("one/tintype-bundle.json")));
  }

  @Test
  void theDryRunPlanCountsExactlyTheFilesAndBytesTheBundleHolds() throws IOException {
    first().publish(a, D1.toString());
    Exporter e = new Exporter(a);
    ExportPlan plan = e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN);
    e.write(plan, media.resolve("full"), BundleListener.NONE);
    Bundle bundle = Bundle.open(media.resolve("full"));
    // 4 pool files, PACKAGES, manifest.json
    assertThat(plan.fileCount()).isEqualTo(6).isEqualTo(bundle.toc().files().size());
    assertThat(plan.bytes()).isEqualTo(bundle.toc().bytes());
    assertThat(plan.bytes()).isGreaterThan(150_000 + 20_000 + 90_000);
    assertThat(plan.chunkCount()).isEqualTo(bundle.toc().chunks().size());
    long actual = bundle.toc().chunks().stream().mapToLong(Toc.Chunk::size).sum();
    assertThat(plan.maxBundleBytes()).isGreaterThanOrEqualTo(actual);
  }

  @Test
  void anIncrementalBundleHoldsOnlyNewPoolFilesAndImportsOnTopOfItsBase() throws IOException {
    first().publish(a, D1.toString());
    second().publish(a, D2.toString());
    export(D1, Optional.empty(), media.resolve("d1"), ChunkSize.DEFAULT);
    Bundle inc = export(D2, Optional.of(D1), media.resolve("d2"), ChunkSize.DEFAULT);

    List<String> pool =
        inc.toc().files().stream()
            .map(Toc.BundleFile::path)
            .filter(p -> p.startsWith("pool/"))
            .toList();
    assertThat(pool)
        .containsExactlyInAnyOrder(poolKeyOf("pkgA_1.1.0.tar.gz"), poolKeyOf("pkgD_0.9.tar.gz"));
    assertThat(inc.toc().files()).hasSize(4); // two pool files, PACKAGES, manifest.json
    long indexAndManifest =
        Files.size(a.path("cran/2026-12-04/src/contrib/PACKAGES"))
            + Files.size(a.path("cran/2026-12-04/manifest.json"));
    assertThat(inc.toc().bytes()).isEqualTo(160_000 + 5_000 + indexAndManifest);
    assertThat(inc.toc().base()).isEqualTo("2026-11-27");

    Importer importer = new Importer(b);
    importer.importBundle(Bundle.open(media.resolve("d1")), BundleListener.NONE);
    Importer.Result r =
        importer.importBundle(Bundle.open(media.resolve("d2")), BundleListener.NONE);
    assertThat(r.stored()).isEqualTo(2);
    Verifier v = new Verifier(b);
    assertThat(v.verify(CRAN, D1).problems()).isEmpty();
    assertThat(v.verify(CRAN, D2).problems()).isEmpty();
    assertThat(keys(b)).isEqualTo(keys(a));
    assertThat(b.latest(CRAN)).contains(D2);
  }

  @Test
  void anIncrementalBundleWhoseBaseIsMissingIsRefusedNamingTheBase() throws IOException {
    first().publish(a, D1.toString());
    second().publish(a, D2.toString());
    export(D2, Optional.of(D1), media.resolve("d2"), ChunkSize.DEFAULT);

    assertThatThrownBy(
            () ->
                new Importer(b).importBundle(Bundle.open(media.resolve("d2")), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("incremental on cran/2026-11-27")
        .hasMessageContaining("import the bundle of cran/2026-11-27 first");
    assertThat(b.list("pool")).isEmpty();
    assertThat(b.exists("cran/2026-12-04/manifest.json")).isFalse();
  }

  @Test
  void anIncrementalBundleOnADifferentBaseSnapshotIsRefused() throws IOException {
    first().publish(a, D1.toString());
    second().publish(a, D2.toString());
    export(D2, Optional.of(D1), media.resolve("d2"), ChunkSize.DEFAULT);
    new HandMade().pkg("other_1.0.tar.gz", 10).publish(b, D1.toString());

    assertThatThrownBy(
            () ->
                new Importer(b).importBundle(Bundle.open(media.resolve("d2")), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("cran/2026-11-27")
        .hasMessageContaining("is not the snapshot");
  }

  @Test
  void importingTheSameBundleTwiceChangesNothing() throws IOException {
    first().publish(a, D1.toString());
    export(D1, Optional.empty(), media.resolve("full"), ChunkSize.MIN);
    Importer importer = new Importer(b);
    importer.importBundle(Bundle.open(media.resolve("full")), BundleListener.NONE);
    List<String> before = keys(b);
    Object inode = Files.getAttribute(b.path("cran/2026-11-27/manifest.json"), "basic:fileKey");

    Importer.Result again =
        importer.importBundle(Bundle.open(media.resolve("full")), BundleListener.NONE);

    assertThat(again.published()).isFalse();
    assertThat(again.chunksRead()).isZero();
    assertThat(keys(b)).isEqualTo(before);
    assertThat(Files.getAttribute(b.path("cran/2026-11-27/manifest.json"), "basic:fileKey"))
        .isEqualTo(inode);
  }

  @Test
  void aBundleOfADateAlreadyPublishedWithOtherContentIsRefused() throws IOException {
    first().publish(a, D1.toString());
    export(D1, Optional.empty(), media.resolve("full"), ChunkSize.DEFAULT);
    byte[] theirs = new HandMade().pkg("other_1.0.tar.gz", 10).publish(b, D1.toString());

    assertThatThrownBy(
            () ->
                new Importer(b)
                    .importBundle(Bundle.open(media.resolve("full")), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("cran/2026-11-27 is already published")
        .hasMessageContaining("never rewritten");
    assertThat(readAll(b, "cran/2026-11-27/manifest.json")).isEqualTo(theirs);
  }

  @Test
  void anInterruptedImportResumesAndSkipsWhatItAlreadyStored() throws IOException {
    first().publish(a, D1.toString());
    export(D1, Optional.empty(), media.resolve("full"), ChunkSize.MIN);
    BundleListener dies =
        new BundleListener() {
          @Override
          public void stored(String key, int stored) {
            if (stored == 2) {
              throw new IllegalStateException("killed");
            }
          }
        };
    assertThatThrownBy(() -> new Importer(b).importBundle(Bundle.open(media.resolve("full")), dies))
        .hasMessage("killed");
    assertThat(b.exists("cran/2026-11-27/manifest.json")).isFalse();
    assertThat(b.list("pool")).hasSize(2);

    Importer.Result r =
        new Importer(b).importBundle(Bundle.open(media.resolve("full")), BundleListener.NONE);

    assertThat(r.alreadyPresent()).isEqualTo(2);
    assertThat(r.stored()).isEqualTo(2);
    assertThat(r.chunksSkipped()).isPositive();
    assertThat(new Verifier(b).verify(CRAN, D1).problems()).isEmpty();
    assertThat(keys(b)).isEqualTo(keys(a));
  }

  @Test
  void exportRefusesANonEmptyDirectoryAndAnUnpublishedDate() throws IOException {
    first().publish(a, D1.toString());
    Files.createDirectories(media.resolve("used"));
    Files.writeString(media.resolve("used/notes.txt"), "mine");
    assertThatThrownBy(() -> export(D1, Optional.empty(), media.resolve("used"), ChunkSize.MIN))
        .hasMessageContaining("is not empty");
    assertThatThrownBy(() -> export(D2, Optional.empty(), media.resolve("x"), ChunkSize.MIN))
        .hasMessageContaining("cran/2026-12-04 is not a published snapshot");
  }

  @Test
  void exportStopsAtADamagedSourceFileAndLeavesNoHalfBundle() throws IOException {
    first().publish(a, D1.toString());
    Path pkgC = a.path(poolKeyOf("pkgC_2.0.tar.gz"));
    byte[] bytes = Files.readAllBytes(pkgC);
    bytes[100] ^= 1;
    Files.delete(pkgC); // the snapshot's hard link keeps the original bytes
    Files.write(pkgC, bytes);

    assertThatThrownBy(() -> export(D1, Optional.empty(), media.resolve("full"), ChunkSize.MIN))
        .hasMessageContaining(poolKeyOf("pkgC_2.0.tar.gz"))
        .hasMessageContaining("but the manifest says");
    assertThat(media.resolve("full")).isEmptyDirectory();
  }

  private String poolKeyOf(String fileName) throws IOException {
    return a.list("pool").stream()
        .filter(k -> k.endsWith("/" + fileName))
        .findFirst()
        .orElseThrow();
  }

  static List<Path> chunkFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
    }
  }

  static List<String> keys(FileStorage s) throws IOException {
    List<String> out = new ArrayList<>(s.list("pool"));
    out.addAll(s.list("cran"));
    out.removeIf(k -> k.equals("cran/latest"));
    return out;
  }

  static byte[] readAll(FileStorage s, String key) throws IOException {
    try (InputStream in = s.open(key)) {
      return in.readAllBytes();
    }
  }
}
