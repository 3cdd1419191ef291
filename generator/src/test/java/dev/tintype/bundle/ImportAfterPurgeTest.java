package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bundle made before a purge does not bring the purged file back. */
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
    return e.write(
        e.plan(CRAN, date, Optional.empty(), ChunkSize.MIN),
        media.resolve(dir),
        BundleListener.NONE);
  }

  @Test
  void anImportOfABundleMadeBeforeThePurgeDoesNotBringThePurgedFileBack() throws IOException {
    BundleRoundTripTest.first().publish(online, D1.toString());
    BundleRoundTripTest.second().publish(online, D2.toString());
    export(D1, "d1");
    export(D2, "d2");
    new Importer(offline).importBundle(Bundle.open(media.resolve("d1")), BundleListener.NONE);
    String evil =
        offline.list(Layout.POOL).stream()
            .filter(k -> k.endsWith("/pkgB_0.1.0.tar.gz"))
            .findFirst()
            .orElseThrow();
    new Purger(offline, new PurgeListener() {})
        .run(new Purger.Request(CRAN, Optional.of("pkgB"), List.of(), "malware"), false, false);

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
