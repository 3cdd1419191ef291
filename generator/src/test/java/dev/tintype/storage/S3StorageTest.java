package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.pages.RootPage;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** What only S3 does: object headers, request economy, multipart, stale locks, and its errors. */
@Tag("e2e")
class S3StorageTest {
  private static final RepoName CRAN = new RepoName("cran");
  private static S3ProxyServer server;

  @TempDir Path tmp;
  private String bucket;
  private S3Storage storage;

  @BeforeAll
  static void startS3() throws IOException {
    server = S3ProxyServer.startInMemory();
  }

  @AfterAll
  static void stopS3() {
    server.close();
  }

  @BeforeEach
  void open() throws IOException {
    bucket = S3Buckets.fresh(server);
    storage = S3Buckets.open(server, bucket, "");
    server.resetCounts();
  }

  @AfterEach
  void close() throws IOException {
    storage.close();
  }

  private HeadObjectResponse head(String key) {
    return storage.client().headObject(b -> b.bucket(bucket).key(key));
  }

  private CranUpstream cran(Path dir) throws IOException {
    return new CranUpstream(dir)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("pkgB", "0.2-1").field("Imports", "pkgA"))
        .write();
  }

  @Test
  void aDownloadStoredWithItsKnownDigestsCarriesThemAndOtherBytesAreRefusedByTheStore()
      throws Exception {
    byte[] bytes = "package bytes".getBytes(StandardCharsets.UTF_8);
    String sha = dev.tintype.format.layout.Sha256.hash(bytes).hex();
    String md5 =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    Path download = Files.write(tmp.resolve("dl-1.part"), bytes);

    assertThat(
            storage.put(
                "pool/aa/bb/x/x.tar.gz", download, true, new KnownDigests(bytes.length, sha, md5)))
        .isTrue();
    assertThat(download).doesNotExist();
    HeadObjectResponse h = head("pool/aa/bb/x/x.tar.gz");
    assertThat(h.metadata()).containsEntry("sha256", sha);
    assertThat(h.eTag()).contains(md5);

    // The file changed after it was hashed: its Content-MD5 no longer matches, and S3 refuses it.
    Path changed = Files.write(tmp.resolve("dl-2.part"), "package bytez".getBytes());
    assertThatThrownBy(
            () ->
                storage.put(
                    "pool/cc/dd/y/y.tar.gz",
                    changed,
                    true,
                    new KnownDigests(bytes.length, sha, md5)))
        .isInstanceOf(IOException.class);
    assertThat(storage.exists("pool/cc/dd/y/y.tar.gz")).isFalse();
    // A size that differs is caught before any request.
    Path shorter = Files.write(tmp.resolve("dl-3.part"), "short".getBytes());
    assertThatThrownBy(
            () ->
                storage.put(
                    "pool/ee/ff/z/z.tar.gz",
                    shorter,
                    true,
                    new KnownDigests(bytes.length, sha, md5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not the " + bytes.length);
  }

  @Test
  void aSecondSyncWithNoUpstreamChangePutsNoPoolObjectAndNoUnchangedLatestObject()
      throws IOException {
    Path up = tmp.resolve("up");
    cran(up);
    try (FakeUpstream upstream = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      RepoConfig repo = Rig.repo("cran", RepoType.CRAN, upstream.url());
      rig.sync(repo, "2026-11-20");
      assertThat(server.puts()).filteredOn(k -> k.startsWith("pool/")).hasSize(2);
      server.resetCounts();
      rig.sync(repo, "2026-11-21");
    }
    assertThat(server.puts())
        .noneMatch(k -> k.startsWith("pool/"))
        // The indexes are byte-identical, so latest/ only gets its new manifest and the page that
        // names the new date.
        .filteredOn(k -> k.startsWith("cran/latest/"))
        .containsExactly("cran/latest/index.html", "cran/latest/manifest.json");
    assertThat(server.puts()).contains("cran/2026-11-21/manifest.json");
    // Then the root page, which lists the new snapshot, and keeps the new snapshot's summary so
    // that later root pages do not read its manifest again.
    java.util.List<String> puts =
        server.puts().stream().filter(k -> !k.startsWith(".tintype/summaries/")).toList();
    assertThat(puts.subList(puts.size() - 2, puts.size()))
        .containsExactly("cran/latest/manifest.json", "index.html");
    assertThat(server.puts()).contains(".tintype/summaries/cran/2026-11-21");
  }

  @Test
  void aSyncAsksForEachPublishedManifestOnceAndForgetsADeletedSnapshot() throws IOException {
    Path up = tmp.resolve("up");
    cran(up);
    try (FakeUpstream upstream = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      RepoConfig repo = Rig.repo("cran", RepoType.CRAN, upstream.url());
      for (String d : java.util.List.of("2026-11-20", "2026-11-21", "2026-11-22")) {
        rig.sync(repo, d);
      }
      server.resetCounts();
      rig.sync(repo, "2026-11-23");
    }
    // Previous snapshot, latest, root page and run record each want the published dates; this
    // storage has seen them published already, so it need not ask at all.
    for (String d : java.util.List.of("2026-11-20", "2026-11-21", "2026-11-22")) {
      assertThat(server.reads())
          .as(d)
          .filteredOn(r -> r.equals("HEAD cran/" + d + "/manifest.json"))
          .hasSizeLessThanOrEqualTo(1);
    }
    assertThat(Snapshots.published(storage, CRAN)).hasSize(4);

    storage.deleteSnapshot(CRAN, SnapshotDate.parse("2026-11-20"));
    assertThat(storage.exists("cran/2026-11-20/manifest.json")).isFalse();
    assertThat(Snapshots.published(storage, CRAN))
        .extracting(SnapshotDate::toString)
        .containsExactly("2026-11-21", "2026-11-22", "2026-11-23");
    assertThat(Snapshots.newest(storage, CRAN)).contains(SnapshotDate.parse("2026-11-23"));
  }

  @Test
  void latestsManifestIsCopiedWithinTheBucketWithItsDateAndDigest() throws IOException {
    Path up = tmp.resolve("up");
    cran(up);
    try (FakeUpstream upstream = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      rig.sync(Rig.repo("cran", RepoType.CRAN, upstream.url()), "2026-11-20");
    }
    byte[] dated = storage.open("cran/2026-11-20/manifest.json").readAllBytes();
    assertThat(storage.open("cran/latest/manifest.json").readAllBytes()).isEqualTo(dated);
    HeadObjectResponse latest = head("cran/latest/manifest.json");
    assertThat(latest.metadata())
        .containsEntry("snapshot-date", "2026-11-20")
        .containsEntry("sha256", head("cran/2026-11-20/manifest.json").metadata().get("sha256"));
    assertThat(latest.contentType()).startsWith("application/json");
    assertThat(storage.latest(CRAN)).contains(SnapshotDate.parse("2026-11-20"));
  }

  @Test
  void theManifestIsTheLastObjectOfASnapshotAndLatestFollowsIt() throws IOException {
    Path up = tmp.resolve("up");
    cran(up);
    try (FakeUpstream upstream = FakeUpstream.serve(up);
        Rig rig = new Rig(storage)) {
      rig.sync(Rig.repo("cran", RepoType.CRAN, upstream.url()), "2026-11-20");
    }
    var puts = server.puts();
    int manifest = puts.indexOf("cran/2026-11-20/manifest.json");
    assertThat(puts.subList(0, manifest))
        .allMatch(
            k ->
                k.startsWith("pool/")
                    || k.startsWith("cran/2026-11-20/")
                    || k.startsWith(".tintype/"))
        .anyMatch(k -> k.startsWith("pool/"))
        .anyMatch(k -> k.equals("cran/2026-11-20/src/contrib/PACKAGES.gz"));
    int lastPool = 0;
    int firstIndex = Integer.MAX_VALUE;
    for (int i = 0; i < manifest; i++) {
      if (puts.get(i).startsWith("pool/")) {
        lastPool = i;
      } else if (puts.get(i).startsWith("cran/")) {
        firstIndex = Math.min(firstIndex, i);
      }
    }
    assertThat(lastPool).isLessThan(firstIndex);
    assertThat(puts.subList(manifest + 1, puts.size()))
        .allMatch(
            k ->
                k.startsWith("cran/latest/")
                    || k.startsWith(".tintype/")
                    || k.equals(RootPage.KEY));
  }

  @Test
  void objectsCarryTheTypeAndCachingThatServeThemAsPlainFiles() throws IOException {
    Path cranUp = tmp.resolve("cran");
    cran(cranUp);
    Path pypiUp = tmp.resolve("pypi");
    PypiUpstream.demo(pypiUp);
    try (FakeUpstream c = FakeUpstream.serve(cranUp);
        FakeUpstream p = FakeUpstream.serve(pypiUp);
        Rig rig = new Rig(storage)) {
      rig.sync(Rig.repo("cran", RepoType.CRAN, c.url()), "2026-11-20");
      rig.sync(Rig.repo("pypi", RepoType.PYPI, p.url(), "Demo.Pkg"), "2026-11-20");
    }
    HeadObjectResponse gz = head("cran/2026-11-20/src/contrib/PACKAGES.gz");
    assertThat(gz.contentType()).startsWith("application/gzip");
    assertThat(gz.contentEncoding()).isNull();
    assertThat(gz.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(head("cran/2026-11-20/src/contrib/PACKAGES").contentType()).startsWith("text/plain");
    assertThat(head("cran/2026-11-20/src/contrib/PACKAGES.rds").contentType())
        .isEqualTo("application/octet-stream");
    HeadObjectResponse latest = head("cran/latest/src/contrib/PACKAGES.gz");
    assertThat(latest.cacheControl()).isEqualTo("public, max-age=300");
    assertThat(latest.contentType()).startsWith("application/gzip");
    assertThat(head("pypi/2026-11-20/simple/demo-pkg/index.html").contentType())
        .startsWith("text/html");
    assertThat(head("pypi/2026-11-20/simple/demo-pkg/index.json").contentType())
        .isEqualTo("application/vnd.pypi.simple.v1+json");
    assertThat(head("pypi/latest/simple/index.json").cacheControl())
        .isEqualTo("public, max-age=300");
    assertThat(head("pypi/2026-11-20/manifest.json").contentType()).isEqualTo("application/json");
    String pool =
        storage.list("pool").stream().filter(k -> k.endsWith(".tar.gz")).findFirst().orElseThrow();
    assertThat(head(pool).cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(head(pool).contentType()).startsWith("application/gzip");
  }

  @Test
  void largeFilesGoUpInPartsAndAreStillRecognisedAsStored() throws IOException {
    storage.multipart(6L << 20, 5L << 20);
    byte[] big = new byte[11 << 20];
    new Random(1).nextBytes(big);
    Path file = Files.write(tmp.resolve("big.tar.gz"), big);
    assertThat(storage.put("pool/bb/cc/h/big.tar.gz", file, false)).isTrue();
    assertThat(server.multipartPuts()).containsExactly("pool/bb/cc/h/big.tar.gz");
    assertThat(storage.open("pool/bb/cc/h/big.tar.gz").readAllBytes()).isEqualTo(big);
    try (S3Storage fresh = S3Buckets.open(server, bucket, "")) {
      assertThat(fresh.put("pool/bb/cc/h/big.tar.gz", file, false)).isFalse();
      big[7] ^= 1;
      Files.write(file, big);
      assertThatThrownBy(() -> fresh.put("pool/bb/cc/h/big.tar.gz", file, false))
          .isInstanceOf(StorageConflictException.class);
    }
  }

  @Test
  void aLargeManifestReportsItsUploadPartByPart() throws IOException {
    storage.multipart(6L << 20, 5L << 20);
    Path manifest = Files.write(tmp.resolve("manifest.json"), new byte[11 << 20]);
    java.util.List<String> heard = new java.util.ArrayList<>();
    try (SnapshotTransaction tx =
        storage.begin(CRAN, dev.tintype.format.layout.SnapshotDate.parse("2026-11-20"))) {
      tx.onUpload((p, t, b, tb) -> heard.add(p + "/" + t + " " + b + "/" + tb));
      tx.commit(manifest);
    }
    long mib = 1 << 20;
    assertThat(heard)
        .containsExactly(
            "1/3 " + 5 * mib + "/" + 11 * mib,
            "2/3 " + 10 * mib + "/" + 11 * mib,
            "3/3 " + 11 * mib + "/" + 11 * mib);
    assertThat(server.multipartPuts()).containsExactly("cran/2026-11-20/manifest.json");
  }

  @Test
  void aStaleLockNamesItsHolderAndStartAndIsBrokenOnlyWhenAsked() throws IOException {
    StorageLock stale = storage.lock(CRAN, "pid 4242 since 2026-11-20T03:00:00Z", false);
    // The process holding it is killed: nothing releases the object.
    assertThatThrownBy(() -> storage.lock(CRAN, "pid 5", false))
        .isInstanceOf(LockedException.class)
        .hasMessageContaining("pid 4242 since 2026-11-20T03:00:00Z")
        .hasMessageContaining(" on host " + LockHolder.current("x").host() + " since ")
        .hasMessageContaining("--break-lock")
        .hasMessageContaining(".tintype/locks/cran.lock");
    try (StorageLock mine = storage.lock(CRAN, "pid 5", true)) {
      stale.close(); // the old holder's late release must not drop the new lock
      assertThat(storage.exists(".tintype/locks/cran.lock")).isTrue();
    }
    assertThat(storage.exists(".tintype/locks/cran.lock")).isFalse();
  }

  @Test
  void unchangedObjectsLeftByACrashedRunAreNotUploadedAgain() throws IOException {
    SnapshotTransaction crashed = storage.begin(CRAN, SnapshotDate.parse("2026-11-20"));
    crashed.write("src/contrib/PACKAGES", "Package: a\n".getBytes(StandardCharsets.UTF_8));
    ((S3SnapshotTransaction) crashed).awaitAll();
    server.resetCounts();
    try (SnapshotTransaction tx = storage.begin(CRAN, SnapshotDate.parse("2026-11-20"))) {
      tx.write("src/contrib/PACKAGES", "Package: a\n".getBytes(StandardCharsets.UTF_8));
      tx.commit(StorageContract.manifest(SnapshotDate.parse("2026-11-20"), java.util.List.of()));
    }
    assertThat(server.puts()).containsExactly("cran/2026-11-20/manifest.json");
  }

  @Test
  void throttlingIsRetriedWithBackoffAndTheWriteLands() throws IOException {
    server.throttleNextPuts(3);
    assertThat(storage.put("pool/a/b/c/f", "x".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(storage.open("pool/a/b/c/f").readAllBytes()).containsExactly('x');
  }

  @Test
  void throttlingThatOutlastsTheRetriesSaysSoAndWhatToDo() {
    server.throttleNextPuts(100);
    try {
      assertThatThrownBy(() -> storage.put("pool/a/b/c/g", "x".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("s3://" + bucket + "/pool/a/b/c/g")
          .hasMessageContaining("throttling")
          .hasMessageContaining("lower download.parallel");
    } finally {
      server.throttleNextPuts(0);
    }
  }

  @Test
  void aMissingBucketIsNamedWithWhatToDo() {
    StorageConfig.S3 cfg = S3Buckets.config(server, "no-such-bucket", "");
    assertThatThrownBy(() -> S3Storage.open(cfg, S3Buckets.credentials()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-bucket")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("storage.s3.bucket");
  }

  @Test
  void wrongCredentialsAreReportedWithoutTheSecret() {
    StorageConfig.S3 cfg = S3Buckets.config(server, bucket, "");
    var wrong =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAWRONGWRONGWRONG1", "s3cr3t-that-must-not-leak"));
    assertThatThrownBy(() -> S3Storage.open(cfg, wrong))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(bucket)
        .hasMessageContaining("access denied")
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain("s3cr3t-that-must-not-leak"));
  }

  @Test
  void anUnreachableEndpointSaysSoAndThatPublishedSnapshotsAreIntact() throws IOException {
    S3ProxyServer doomed = S3ProxyServer.startInMemory();
    doomed.createBucket("doomed", false);
    StorageConfig.S3 cfg =
        new StorageConfig.S3(
            "doomed", "", S3ProxyServer.REGION, Optional.of(URI.create(doomed.endpoint())), true);
    try (S3Storage s = S3Storage.open(cfg, S3Buckets.credentials())) {
      doomed.close();
      assertThatThrownBy(() -> s.put("pool/a/b/c/f", "x".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("s3://doomed/pool/")
          .hasMessageContaining("cannot reach")
          .hasMessageContaining("published snapshots are intact");
    }
  }

  @Test
  void aPrefixKeepsEveryObjectInsideIt() throws IOException {
    try (S3Storage prefixed = S3Buckets.open(server, bucket, "mirror/")) {
      prefixed.put("pool/a/b/c/f", "x".getBytes(StandardCharsets.UTF_8));
      prefixed.lock(CRAN, "me", false).close();
    }
    assertThat(storage.list("mirror")).containsExactly("mirror/pool/a/b/c/f");
    assertThat(Snapshots.published(storage, CRAN)).isEmpty();
  }

  private static String fullText(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
      for (Throwable s : t.getSuppressed()) {
        b.append(s).append('\n');
      }
    }
    return b.toString();
  }
}
