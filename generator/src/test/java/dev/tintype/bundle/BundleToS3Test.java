package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A bundle exported from a filesystem side imports into a bucket, and back. */
@Tag("e2e")
class BundleToS3Test {
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");

  @Test
  void aBucketWithAPurgedFileExportsWithoutItAndAnotherBucketImportsThePurge() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        S3ProxyServer server = S3ProxyServer.startInMemory();
        Storage online = S3Buckets.open(server, S3Buckets.fresh(server), "online/");
        Storage offline = S3Buckets.open(server, S3Buckets.fresh(server), "offline/")) {
      java.nio.file.Path media = fs.getPath("/usb");
      String evil = ImportAfterPurgeTest.purgeThenExport(online, media);

      ImportAfterPurgeTest.importBoth(offline, media, evil);
    }
  }

  @Test
  void aFilesystemBundleImportsIntoS3AndVerifies() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        S3ProxyServer server = S3ProxyServer.startInMemory();
        Storage s3 = S3Buckets.open(server, S3Buckets.fresh(server), "mirror/")) {
      FileStorage a = new FileStorage(fs.getPath("/online"));
      byte[] manifest = BundleRoundTripTest.first().publish(a, D1.toString());
      Exporter e = new Exporter(a);
      e.write(
          e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN),
          fs.getPath("/usb/full"),
          BundleListener.NONE);

      Importer.Result r =
          new Importer(s3).importBundle(Bundle.open(fs.getPath("/usb/full")), BundleListener.NONE);

      assertThat(r.published()).isTrue();
      try (InputStream in = s3.open(Layout.manifest(CRAN, D1))) {
        assertThat(in.readAllBytes()).isEqualTo(manifest);
      }
      assertThat(new Verifier(s3).verify(CRAN, D1).problems()).isEmpty();

      Exporter back = new Exporter(s3);
      back.write(
          back.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN),
          fs.getPath("/usb/back"),
          BundleListener.NONE);
      FileStorage c = new FileStorage(fs.getPath("/third"));
      new Importer(c).importBundle(Bundle.open(fs.getPath("/usb/back")), BundleListener.NONE);
      assertThat(new Verifier(c).verify(CRAN, D1).problems()).isEmpty();
    }
  }
}
