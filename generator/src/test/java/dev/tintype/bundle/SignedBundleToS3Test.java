package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.TestKeys;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A signed bundle travels from a filesystem into a bucket and back, signatures intact. */
@Tag("e2e")
class SignedBundleToS3Test {
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");
  private static final TestKeys.Pair ONLINE = TestKeys.ed25519();
  private static final TestKeys.Pair BUCKET = TestKeys.ed25519();

  @Test
  void aSignedBundleImportsIntoS3AndBackWithItsSignaturesChecked() throws IOException {
    Optional<AllowedSigners> trusted =
        Optional.of(
            AllowedSigners.parse(
                ONLINE.allowedSigner() + "\n" + BUCKET.allowedSigner() + "\n", "allowed_signers"));
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        S3ProxyServer server = S3ProxyServer.startInMemory();
        Storage s3 = S3Buckets.open(server, S3Buckets.fresh(server), "mirror/")) {
      FileStorage a = new FileStorage(fs.getPath("/online"));
      BundleRoundTripTest.first().signedWith(ONLINE.signingKey()).publish(a, D1.toString());
      Exporter e = new Exporter(a, Optional.of(ONLINE.signingKey()));
      e.write(
          e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN),
          fs.getPath("/usb/full"),
          BundleListener.NONE);

      Importer.Result r =
          new Importer(s3, trusted, Optional.empty())
              .importBundle(Bundle.open(fs.getPath("/usb/full")), BundleListener.NONE);

      assertThat(r.signedBy()).isEqualTo(ONLINE.fingerprint());
      assertThat(s3.exists(Layout.manifestSignature(CRAN, D1))).isTrue();
      Verifier.Report onS3 = new Verifier(s3, trusted).verify(CRAN, D1);
      assertThat(onS3.problems()).isEmpty();
      assertThat(onS3.signedBy()).isEqualTo(ONLINE.fingerprint());

      Exporter back = new Exporter(s3, Optional.of(BUCKET.signingKey()));
      back.write(
          back.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN),
          fs.getPath("/usb/back"),
          BundleListener.NONE);
      FileStorage c = new FileStorage(fs.getPath("/third"));
      Importer.Result r2 =
          new Importer(c, trusted, Optional.empty())
              .importBundle(Bundle.open(fs.getPath("/usb/back")), BundleListener.NONE);
      assertThat(r2.signedBy()).isEqualTo(BUCKET.fingerprint());
      assertThat(new Verifier(c, trusted).verify(CRAN, D1).problems()).isEmpty();
    }
  }
}
