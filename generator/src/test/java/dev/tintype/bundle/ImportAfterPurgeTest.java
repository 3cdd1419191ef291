package dev.tintype.bundle;

import static dev.tintype.bundle.BundleListener.NONE;
import static dev.tintype.bundle.HandMade.CRAN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.purge.Purges;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bundles and purges: a bundle made before a purge does not bring the purged file back, and a
 * snapshot that lists a purged file exports without it, carrying the purge to the other side.
 */
class ImportAfterPurgeTest {
  static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");
  static final SnapshotDate D2 = SnapshotDate.parse("2026-12-04");

  private FileSystem fs;
  private FileStorage online;
  private FileStorage offline;
  private Path media;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    online = new FileStorage(fs.getPath("/online"));
    offline = new FileStorage(fs.getPath("/offline"));
    media = fs.getPath("/media/usb");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Bundle export(SnapshotDate date, String dir) throws IOException {
    Exporter e = new Exporter(online);
    e.write(
        e.plan(CRAN, date, Optional.empty(), ChunkSize.MIN),
        media.resolve(dir),
        BundleListener.NONE);
    return Bundle.open(media.resolve(dir));
  }

  /** Purges project pkgB on {@code side}; returns its pool key. */
  static String purgePkgB(Storage side) throws IOException {
    String evil =
        side.list(Layout.POOL).stream()
            .filter(k -> k.endsWith("/pkgB_0.1.0.tar.gz"))
            .findFirst()
            .orElseThrow();
    new Purger(side, new PurgeListener() {})
        .run(new Purger.Request(CRAN, Optional.of("pkgB"), List.of(), "malware"), false, false);
    return evil;
  }

  /**
   * Publishes two snapshots listing pkgB on {@code side}, purges pkgB there, and exports both (the
   * second on top of the first); returns pkgB's pool key.
   */
  static String purgeThenExport(Storage side, Path media) throws IOException {
    BundleRoundTripTest.first().publish(side, D1.toString());
    BundleRoundTripTest.second().publish(side, D2.toString());
    String evil = purgePkgB(side);
    Exporter e = new Exporter(side);
    e.write(e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN), media.resolve("d1"), NONE);
    e.write(e.plan(CRAN, D2, Optional.of(D1), ChunkSize.MIN), media.resolve("d2"), NONE);
    return evil;
  }

  /** Imports both bundles into {@code side}: each leaves pkgB out and records its purge. */
  static void importBoth(Storage side, Path media, String evil) throws IOException {
    for (SnapshotDate d : List.of(D1, D2)) {
      Bundle b = Bundle.open(media.resolve(d == D1 ? "d1" : "d2"));
      assertThat(b.toc().files()).extracting(Toc.BundleFile::path).doesNotContain(evil);
      assertThat(b.toc().purgedKeys()).containsExactly(evil);
      assertThat(b.toc().purges())
          .singleElement()
          .extracting(Purges.Purge::reason)
          .isEqualTo("malware");

      assertThat(new Importer(side).importBundle(b, NONE).published()).isTrue();

      assertThat(side.exists(evil)).isFalse();
      assertThat(side.exists(Layout.snapshotFile(CRAN, d, "src/contrib/pkgB_0.1.0.tar.gz")))
          .isFalse();
      Verifier.Report rep = new Verifier(side).verify(CRAN, d);
      assertThat(rep.problems()).isEmpty();
      assertThat(rep.purged()).containsExactly(evil);
    }
    Purges record = Purges.read(side);
    assertThat(record.purges()).as("recorded once").hasSize(1);
    assertThat(record.purges().get(0).reason()).isEqualTo("malware");
    assertThat(record.poolKeys()).containsExactly(evil);
  }

  @Test
  void aSnapshotListingAPurgedFileExportsWithoutItAndTheImportRecordsThePurge() throws IOException {
    String evil = purgeThenExport(online, media);

    importBoth(offline, media, evil);
  }

  @Test
  void aBundleThatLeavesNothingOutHasNoPurgesInItsTableOfContents() throws IOException {
    BundleRoundTripTest.first().publish(online, D1.toString());

    Bundle b = export(D1, "d1");

    assertThat(new String(Files.readAllBytes(media.resolve("d1").resolve(Bundle.TOC_FILE)), UTF_8))
        .doesNotContain("purges");
    assertThat(Bundle.open(media.resolve("d1")).toc().purges()).isEmpty();
    assertThat(b.toc().purges()).isEmpty();
  }

  @Test
  void anImportOfABundleMadeBeforeThePurgeDoesNotBringThePurgedFileBack() throws IOException {
    BundleRoundTripTest.first().publish(online, D1.toString());
    BundleRoundTripTest.second().publish(online, D2.toString());
    export(D1, "d1");
    export(D2, "d2");
    new Importer(offline).importBundle(Bundle.open(media.resolve("d1")), BundleListener.NONE);
    String evil = purgePkgB(offline);

    Importer.Result r =
        new Importer(offline).importBundle(Bundle.open(media.resolve("d2")), BundleListener.NONE);

    assertThat(r.published()).isTrue();
    assertThat(offline.exists(evil)).isFalse();
    assertThat(offline.exists(Layout.snapshotFile(CRAN, D2, "src/contrib/pkgB_0.1.0.tar.gz")))
        .isFalse();
    Verifier.Report rep = new Verifier(offline).verify(CRAN, D2);
    assertThat(rep.problems()).isEmpty();
    assertThat(rep.purged()).containsExactly(evil);
  }
}
