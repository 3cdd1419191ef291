package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.Trust;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SshKeygen;
import dev.tintype.sign.TestKeys;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With signing.key, every published snapshot carries manifest.json.sig from the start. */
class SignedSyncTest {
  private static final RepoName CRAN = new RepoName("cran");
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-12-01");
  private static final SnapshotDate D2 = SnapshotDate.parse("2026-12-02");
  private static final TestKeys.Pair KEY = TestKeys.ed25519();
  private static final TestKeys.Pair OTHER = TestKeys.ed25519();

  @TempDir Path dir;
  private Path upstream;

  @BeforeEach
  void upstream() throws IOException {
    upstream = dir.resolve("upstream");
    new CranUpstream(upstream).add(CranPackage.of("pkgA", "1.0.0")).write();
  }

  private static Trust signing(TestKeys.Pair key) throws IOException {
    return new Trust(Optional.of(key.signingKey()), Optional.empty());
  }

  private static Optional<AllowedSigners> trusting(TestKeys.Pair key) throws IOException {
    return Optional.of(AllowedSigners.parse(key.allowedSigner(), "allowed_signers"));
  }

  private void sync(Storage storage, Trust trust, SnapshotDate date) throws IOException {
    try (FakeUpstream server = FakeUpstream.serve(upstream);
        Rig rig = new Rig(storage).trust(trust)) {
      RepoConfig repo = Rig.repo("cran", RepoType.CRAN, server.url());
      rig.sync(repo, date.toString());
    }
  }

  @Test
  void sshKeygenAcceptsTheSnapshotSignatureAndRejectsItAfterOneManifestByteChanges()
      throws IOException {
    SshKeygen.assumeInstalled();
    Path root = dir.resolve("mirror");
    sync(new FileStorage(root), signing(KEY), D1);
    Path manifest = root.resolve(Layout.manifest(CRAN, D1));
    Path sig = root.resolve(Layout.manifestSignature(CRAN, D1));
    Path allowed = SshKeygen.allowedSigners(dir.resolve("allowed_signers"), KEY.publicLine());

    SshKeygen.Run ok = SshKeygen.verify(allowed, sig, manifest);
    assertThat(ok.exit()).as(ok.output()).isZero();

    byte[] changed = Files.readAllBytes(manifest);
    changed[changed.length - 2] ^= 1;
    Path copy = Files.write(dir.resolve("changed.json"), changed);
    assertThat(SshKeygen.verify(allowed, sig, copy).exit()).isNotZero();
  }

  @Test
  void theSignatureGoesIntoTheSnapshotBeforeTheCommitThatPublishesIt() throws IOException {
    List<String> calls = new ArrayList<>();
    Storage recording = recording(new FileStorage(dir.resolve("mirror")), calls);
    sync(recording, signing(KEY), D1);

    int sig = calls.indexOf("write " + Layout.MANIFEST_SIGNATURE);
    int commit = calls.indexOf("commit");
    assertThat(sig).isNotNegative();
    assertThat(commit).isGreaterThan(sig);
  }

  @Test
  void verifyReportsAMissingABadAndAnUntrustedSignatureAndPassesAGoodOne() throws IOException {
    Path root = dir.resolve("mirror");
    FileStorage storage = new FileStorage(root);
    sync(storage, signing(KEY), D1);
    sync(storage, Trust.NONE, D2);

    Verifier.Report good = new Verifier(storage, trusting(KEY)).verify(CRAN, D1);
    assertThat(good.problems()).isEmpty();
    assertThat(good.signedBy()).isEqualTo(KEY.fingerprint());

    assertThat(new Verifier(storage, trusting(KEY)).verify(CRAN, D2).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).startsWith("missing: the snapshot is not signed"));

    assertThat(new Verifier(storage, trusting(OTHER)).verify(CRAN, D1).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).contains("signed by " + KEY.fingerprint()));

    // Without trusted keys, verify checks files only, as before.
    assertThat(new Verifier(storage).verify(CRAN, D2).problems()).isEmpty();

    Path sig = root.resolve(Layout.manifestSignature(CRAN, D1));
    sig.toFile().setWritable(true);
    Files.write(sig, Files.readString(sig).replace("AAAA", "AAAB").getBytes());
    assertThat(new Verifier(storage, trusting(KEY)).verify(CRAN, D1).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.key()).isEqualTo(Layout.manifestSignature(CRAN, D1)));
  }

  @Test
  @Tag("e2e")
  void aSignedSyncOnS3PublishesTheSignatureThatVerifies() throws IOException {
    try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
        Storage storage = S3Buckets.open(s3, S3Buckets.fresh(s3), "m/")) {
      sync(storage, signing(KEY), D1);
      assertThat(storage.exists(Layout.manifestSignature(CRAN, D1))).isTrue();
      Verifier.Report rep = new Verifier(storage, trusting(KEY)).verify(CRAN, D1);
      assertThat(rep.problems()).isEmpty();
      assertThat(rep.signedBy()).isEqualTo(KEY.fingerprint());
    }
  }

  /** The storage, with the calls made on its snapshot transactions recorded in order. */
  private static Storage recording(Storage real, List<String> calls) {
    return (Storage)
        Proxy.newProxyInstance(
            Storage.class.getClassLoader(),
            new Class<?>[] {Storage.class},
            forward(
                real,
                (m, args, result) ->
                    m.getName().equals("begin")
                        ? Proxy.newProxyInstance(
                            SnapshotTransaction.class.getClassLoader(),
                            new Class<?>[] {SnapshotTransaction.class},
                            forward(
                                result,
                                (tm, targs, tr) -> {
                                  calls.add(
                                      tm.getName().equals("write")
                                          ? "write " + targs[0]
                                          : tm.getName());
                                  return tr;
                                }))
                        : result));
  }

  private interface After {
    Object apply(java.lang.reflect.Method m, Object[] args, Object result);
  }

  private static InvocationHandler forward(Object target, After after) {
    return (proxy, m, args) -> {
      try {
        return after.apply(m, args, m.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }

  static byte[] read(Storage s, String key) throws IOException {
    try (InputStream in = s.open(key)) {
      return in.readAllBytes();
    }
  }
}
