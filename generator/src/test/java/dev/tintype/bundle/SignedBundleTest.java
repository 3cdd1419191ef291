package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SshKeygen;
import dev.tintype.sign.TestKeys;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles carry a signature of their table of contents, and import checks it before storing. */
class SignedBundleTest {
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");
  private static final TestKeys.Pair OLD = TestKeys.ed25519();
  private static final TestKeys.Pair NEW = TestKeys.ed25519();

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

  private static Optional<AllowedSigners> trusting(TestKeys.Pair... keys) throws IOException {
    StringBuilder b = new StringBuilder("# tintype release keys\n");
    for (TestKeys.Pair k : keys) {
      b.append(k.allowedSigner()).append('\n');
    }
    return Optional.of(AllowedSigners.parse(b.toString(), "/etc/tintype/allowed_signers"));
  }

  private Path export(FileStorage from, Optional<TestKeys.Pair> key, Path out) throws IOException {
    Exporter e =
        new Exporter(
            from, key.isPresent() ? Optional.of(key.get().signingKey()) : Optional.empty());
    e.write(e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN), out, BundleListener.NONE);
    return out;
  }

  private static long filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void anImportWithTrustedKeysRefusesAnUnsignedBundleAndStoresNothing() throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path bundle = export(a, Optional.empty(), media.resolve("unsigned"));

    assertThatThrownBy(
            () ->
                new Importer(b, trusting(OLD), Optional.empty())
                    .importBundle(Bundle.open(bundle), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("is not signed (no tintype-bundle.json.sig)")
        .hasMessageContaining("/etc/tintype/allowed_signers")
        .hasMessageContaining("nothing of cran/2026-11-27 was imported");
    assertThat(filesUnder(fs.getPath("/offline"))).isZero();
  }

  @Test
  void anImportRefusesABundleSignedByAnUnknownKeyNamingItsFingerprintAndStoresNothing()
      throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path bundle = export(a, Optional.of(NEW), media.resolve("stranger"));

    assertThatThrownBy(
            () ->
                new Importer(b, trusting(OLD), Optional.empty())
                    .importBundle(Bundle.open(bundle), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("signed by " + NEW.fingerprint())
        .hasMessageContaining("do not list")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(NEW.publicLine().split(" ")[1]));
    assertThat(filesUnder(fs.getPath("/offline"))).isZero();
  }

  @Test
  void anImportRefusesABundleWhoseTableOfContentsChangedAfterSigning() throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path bundle = export(a, Optional.of(OLD), media.resolve("changed"));
    Path toc = bundle.resolve(Bundle.TOC_FILE);
    // One byte of a sha256 the table lists: still a well-formed table, but not the signed one.
    String text = Files.readString(toc);
    int at = text.indexOf("\"sha256\"");
    int hex = text.indexOf('"', text.indexOf(':', at) + 1) + 1;
    char c = text.charAt(hex);
    Files.writeString(
        toc, text.substring(0, hex) + (c == 'a' ? 'b' : 'a') + text.substring(hex + 1));

    assertThatThrownBy(
            () ->
                new Importer(b, trusting(OLD), Optional.empty())
                    .importBundle(Bundle.open(bundle), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("does not match the content");
    assertThat(filesUnder(fs.getPath("/offline"))).isZero();
  }

  @Test
  void anImportRefusesAnOverlargeSignatureFileWithoutReadingItWhole() throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path bundle = export(a, Optional.of(OLD), media.resolve("big-sig"));
    Files.write(bundle.resolve(Bundle.SIGNATURE_FILE), new byte[1 << 20]);

    assertThatThrownBy(
            () ->
                new Importer(b, trusting(OLD), Optional.empty())
                    .importBundle(Bundle.open(bundle), BundleListener.NONE))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("larger than 16384 bytes");
    assertThat(filesUnder(fs.getPath("/offline"))).isZero();
  }

  @Test
  void aSignedRoundTripKeepsTheSnapshotSignatureAndVerifiesOnTheImportingSide() throws IOException {
    BundleRoundTripTest.first().signedWith(OLD.signingKey()).publish(a, D1.toString());
    Path bundle = export(a, Optional.of(OLD), media.resolve("signed"));
    assertThat(bundle.resolve(Bundle.SIGNATURE_FILE)).exists();

    Importer.Result r =
        new Importer(b, trusting(OLD), Optional.empty())
            .importBundle(Bundle.open(bundle), BundleListener.NONE);

    assertThat(r.published()).isTrue();
    assertThat(r.signedBy()).isEqualTo(OLD.fingerprint());
    assertThat(read(b, Layout.manifestSignature(CRAN, D1)))
        .isEqualTo(read(a, Layout.manifestSignature(CRAN, D1)));
    Verifier.Report rep = new Verifier(b, trusting(OLD)).verify(CRAN, D1);
    assertThat(rep.problems()).isEmpty();
    assertThat(rep.signedBy()).isEqualTo(OLD.fingerprint());
  }

  @Test
  void withTwoKeysTrustedDuringARotationEitherKeysSignaturesAreAccepted() throws IOException {
    // The snapshot was signed with the old key, the bundle with the new one.
    BundleRoundTripTest.first().signedWith(OLD.signingKey()).publish(a, D1.toString());
    Path bundle = export(a, Optional.of(NEW), media.resolve("rotated"));

    Importer.Result r =
        new Importer(b, trusting(OLD, NEW), Optional.empty())
            .importBundle(Bundle.open(bundle), BundleListener.NONE);

    assertThat(r.signedBy()).isEqualTo(NEW.fingerprint());
    Verifier.Report rep = new Verifier(b, trusting(NEW, OLD)).verify(CRAN, D1);
    assertThat(rep.problems()).isEmpty();
    assertThat(rep.signedBy()).isEqualTo(OLD.fingerprint());
    // Once the old key is retired, its snapshots are reported.
    assertThat(new Verifier(b, trusting(NEW)).verify(CRAN, D1).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo(Layout.manifestSignature(CRAN, D1));
              assertThat(p.detail()).contains("signed by " + OLD.fingerprint());
            });
  }

  @Test
  void anImportingSideWithASigningKeySignsAnUnsignedSnapshotButKeepsACarriedSignature()
      throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path unsigned = export(a, Optional.of(OLD), media.resolve("unsigned-snapshot"));
    new Importer(b, trusting(OLD), Optional.of(NEW.signingKey()))
        .importBundle(Bundle.open(unsigned), BundleListener.NONE);
    assertThat(new Verifier(b, trusting(NEW)).verify(CRAN, D1).signedBy())
        .isEqualTo(NEW.fingerprint());

    FileStorage c = new FileStorage(fs.getPath("/third"));
    FileStorage signedSide = new FileStorage(fs.getPath("/signed"));
    BundleRoundTripTest.first().signedWith(OLD.signingKey()).publish(signedSide, D1.toString());
    Path carried = export(signedSide, Optional.of(OLD), media.resolve("carried"));
    new Importer(c, trusting(OLD), Optional.of(NEW.signingKey()))
        .importBundle(Bundle.open(carried), BundleListener.NONE);
    assertThat(read(c, Layout.manifestSignature(CRAN, D1)))
        .isEqualTo(read(signedSide, Layout.manifestSignature(CRAN, D1)));
  }

  @Test
  void aRerunClearsTheSignatureOfAnExportKilledBeforeItsTableOfContents() throws IOException {
    BundleRoundTripTest.first().publish(a, D1.toString());
    Path out = Files.createDirectories(media.resolve("killed"));
    Files.writeString(out.resolve(ExportDir.PARTIAL), "unfinished\n");
    Files.writeString(out.resolve("chunk-0001.tar"), "partial chunk");
    Files.writeString(out.resolve(Bundle.SIGNATURE_FILE), "a signature of another table\n");

    export(a, Optional.of(OLD), out);

    new Importer(b, trusting(OLD), Optional.empty())
        .importBundle(Bundle.open(out), BundleListener.NONE);
    assertThat(out.resolve(ExportDir.PARTIAL)).doesNotExist();
  }

  @Test
  void sshKeygenAcceptsTheBundleSignatureAndRejectsItAfterOneTocByteChanges(@TempDir Path dir)
      throws IOException {
    SshKeygen.assumeInstalled();
    FileStorage online = new FileStorage(dir.resolve("online"));
    BundleRoundTripTest.first().publish(online, D1.toString());
    Path bundle = export(online, Optional.of(OLD), dir.resolve("bundle"));
    Path allowed = SshKeygen.allowedSigners(dir.resolve("allowed"), OLD.publicLine());
    Path toc = bundle.resolve(Bundle.TOC_FILE);
    Path sig = bundle.resolve(Bundle.SIGNATURE_FILE);

    SshKeygen.Run ok = SshKeygen.verify(allowed, sig, toc);
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains(OLD.fingerprint());

    byte[] changed = Files.readAllBytes(toc);
    changed[changed.length / 2] ^= 1;
    Files.write(toc, changed);
    assertThat(SshKeygen.verify(allowed, sig, toc).exit()).isNotZero();
  }

  private static byte[] read(FileStorage s, String key) throws IOException {
    try (InputStream in = s.open(key)) {
      return in.readAllBytes();
    }
  }
}
