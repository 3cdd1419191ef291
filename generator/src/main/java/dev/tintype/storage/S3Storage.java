package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Storage in an S3 bucket (AWS, MinIO, Ceph, R2, S3Proxy): keys are {@code prefix + layout key}.
 * There is no rename, so a snapshot is written in place and exists once its manifest does; {@code
 * latest/} holds copies of the newest snapshot's own files. Credentials come only from the AWS
 * SDK's provider chain.
 */
public final class S3Storage implements Storage {
  /** Concurrent uploads of index objects and {@code latest/} copies: sized for two cores. */
  static final int PARALLEL_UPLOADS = 4;

  private static final int MAX_ATTEMPTS = 6;
  private static final String SHA256 = "sha256";
  private static final String DATE = "snapshot-date";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String describe;
  private final S3Uploads uploads;
  private final ExecutorService workers;
  private volatile Map<String, Stored> poolIndex;
  private Path scratch;

  /** What a HEAD or a listing says about a stored object. */
  record Stored(long size, String etag, String sha256, String date) {
    /** The ETag is the content's MD5 for objects stored in one part. */
    boolean etagIsMd5(String md5Hex) {
      String e = etag == null ? "" : etag.replace("\"", "");
      return !e.contains("-") && e.equalsIgnoreCase(md5Hex);
    }

    boolean multipart() {
      return etag != null && etag.contains("-");
    }
  }

  private S3Storage(S3Client s3, StorageConfig.S3 cfg) {
    this.s3 = s3;
    this.bucket = cfg.bucket();
    this.prefix = cfg.prefix();
    this.describe =
        "s3://"
            + bucket
            + "/"
            + prefix
            + cfg.endpoint().map(e -> " at " + e).orElse("")
            + " ("
            + cfg.region()
            + ")";
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            PARALLEL_UPLOADS,
            r -> {
              Thread t = new Thread(r, "tintype-s3-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.uploads = new S3Uploads(s3, bucket);
  }

  /** Opens the bucket with credentials from the AWS SDK default provider chain. */
  public static S3Storage open(StorageConfig.S3 cfg) throws IOException {
    return open(cfg, DefaultCredentialsProvider.builder().build());
  }

  /** Opens the bucket with the given credentials (tests; the CLI uses the default chain). */
  public static S3Storage open(StorageConfig.S3 cfg, AwsCredentialsProvider credentials)
      throws IOException {
    S3ClientBuilder b =
        S3Client.builder()
            .region(Region.of(cfg.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(cfg.pathStyle())
            // Over plain HTTP the SDK would sign every 128 KiB chunk (aws-chunked); one payload
            // hash per object is much cheaper for the server and us (measured: bench/s3).
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .chunkedEncodingEnabled(false)
                    .build())
            // S3-compatible stores (S3Proxy, older MinIO) reject the CRC32 headers sent by default.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(4 * PARALLEL_UPLOADS + 8)
                    // Most objects are small: a 100-continue round trip would cost more than it
                    // saves on the rare refused PUT.
                    .expectContinueEnabled(false)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            // Standard retries back off exponentially, longer still on throttling (SlowDown, 503).
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .build()));
    cfg.endpoint().ifPresent(b::endpointOverride);
    S3Storage storage = new S3Storage(b.build(), cfg);
    try {
      storage.checkBucket();
    } catch (IOException | RuntimeException e) {
      storage.close();
      throw e;
    }
    return storage;
  }

  private void checkBucket() throws IOException {
    S3Errors.call(
        describe,
        "opening the bucket",
        () -> {
          try {
            return s3.headBucket(b -> b.bucket(bucket));
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              throw new IOException(
                  "S3 bucket '"
                      + bucket
                      + "' does not exist ("
                      + describe
                      + "): create it, or "
                      + "fix storage.s3.bucket in the config",
                  e);
            }
            throw e;
          }
        });
  }

  /** Multipart uploads above this size (tests lower it). */
  void multipart(long threshold, long partSize) {
    uploads.multipart(threshold, partSize);
  }

  String key(String key) {
    if (key.isEmpty()
        || key.startsWith("/")
        || key.endsWith("/")
        || key.contains("..")
        || key.contains("//")) {
      throw new IllegalArgumentException("bad storage key '" + key + "'");
    }
    return prefix + key;
  }

  String where(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  @Override
  public boolean placesLinks() {
    return false;
  }

  @Override
  public String describe() {
    return describe;
  }

  // ---- reading

  Optional<Stored> head(String key) throws IOException {
    String k = key(key);
    return S3Errors.call(
        where(key),
        "HEAD",
        () -> {
          try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(k));
            return Optional.of(
                new Stored(
                    r.contentLength(), r.eTag(), r.metadata().get(SHA256), r.metadata().get(DATE)));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          } catch (S3Exception e) {
            if (e.statusCode() == 404 && !S3Errors.code(e).equals("NoSuchBucket")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /** Pool objects are looked up in one listing of the pool per run, not one request each. */
  private Optional<Stored> lookup(String key) throws IOException {
    if (isPool(key)) {
      return Optional.ofNullable(poolIndex().get(key));
    }
    return head(key);
  }

  private static boolean isPool(String key) {
    return key.startsWith(Layout.POOL + "/");
  }

  private synchronized Map<String, Stored> poolIndex() throws IOException {
    if (poolIndex == null) {
      poolIndex = new ConcurrentHashMap<>(listStored(Layout.POOL));
    }
    return poolIndex;
  }

  @Override
  public boolean exists(String key) throws IOException {
    return lookup(key).isPresent();
  }

  @Override
  public Optional<Long> size(String key) throws IOException {
    return lookup(key).map(Stored::size);
  }

  @Override
  public InputStream open(String key) throws IOException {
    String k = key(key);
    return S3Errors.call(
        where(key),
        "GET",
        () -> {
          try {
            return s3.getObject(b -> b.bucket(bucket).key(k));
          } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, "no such object in " + describe);
          }
        });
  }

  /** Every object below {@code prefix/}, keyed by layout key. */
  Map<String, Stored> listStored(String under) throws IOException {
    String p = key(under) + "/";
    return S3Errors.call(
        where(under + "/"),
        "LIST",
        () -> {
          Map<String, Stored> out = new HashMap<>();
          for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p)).contents()) {
            out.put(o.key().substring(prefix.length()), new Stored(o.size(), o.eTag(), null, null));
          }
          return out;
        });
  }

  @Override
  public List<String> list(String under) throws IOException {
    List<String> out = new ArrayList<>(listStored(under).keySet());
    out.sort(null);
    return out;
  }

  @Override
  public List<String> children(String under) throws IOException {
    String p = under.isEmpty() ? prefix : key(under) + "/";
    return S3Errors.call(
        where(under + "/"),
        "LIST",
        () -> {
          TreeSet<String> out = new TreeSet<>();
          for (var page :
              s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p).delimiter("/"))) {
            for (CommonPrefix c : page.commonPrefixes()) {
              String name = c.prefix().substring(p.length());
              out.add(name.substring(0, name.length() - 1));
            }
            for (S3Object o : page.contents()) {
              out.add(o.key().substring(p.length()));
            }
          }
          return new ArrayList<>(out);
        });
  }

  // ---- writing

  @Override
  public boolean put(String key, Path source, boolean consume) throws IOException {
    S3Uploads.Content c = S3Uploads.Content.of(source);
    boolean stored = putIfAbsent(key, c);
    if (consume) {
      Files.deleteIfExists(source);
    }
    return stored;
  }

  @Override
  public boolean put(String key, byte[] content) throws IOException {
    return putIfAbsent(key, S3Uploads.Content.of(content));
  }

  /**
   * Stores content under a new key; identical content already there is left alone (no PUT), other
   * content is refused. The PUT is conditional ({@code If-None-Match: *}), so a concurrent writer
   * cannot be overwritten on stores that honour it.
   */
  boolean putIfAbsent(String key, S3Uploads.Content c) throws IOException {
    Optional<Stored> have = lookup(key);
    if (have.isPresent()) {
      requireSame(key, have.get(), c);
      return false;
    }
    boolean created = upload(key, c, true, Map.of());
    if (!created) {
      requireSame(key, head(key).orElseThrow(() -> new IOException(where(key) + " vanished")), c);
      return false;
    }
    return true;
  }

  /** Stores content only if nothing is there yet; false if something is (not compared). */
  boolean putIfAbsentExact(String key, S3Uploads.Content c) throws IOException {
    if (head(key).isPresent()) {
      return false;
    }
    return upload(key, c, true, Map.of());
  }

  /** Stores content whatever is there: only for objects no published snapshot owns. */
  void putReplacing(String key, S3Uploads.Content c) throws IOException {
    upload(key, c, false, Map.of());
  }

  private boolean upload(
      String key, S3Uploads.Content c, boolean ifAbsent, Map<String, String> meta)
      throws IOException {
    Map<String, String> m = new HashMap<>(meta);
    m.put(SHA256, c.sha256());
    S3Uploads.Headers h =
        new S3Uploads.Headers(
            S3ObjectHeaders.contentType(key), S3ObjectHeaders.cacheControl(key), m);
    boolean created = S3Errors.call(where(key), "PUT", () -> uploads.put(key(key), c, h, ifAbsent));
    if (created && isPool(key) && poolIndex != null) {
      poolIndex.put(key, new Stored(c.size(), c.md5Hex(), c.sha256(), null));
    }
    return created;
  }

  private void requireSame(String key, Stored have, S3Uploads.Content c) throws IOException {
    if (have.size() != c.size()) {
      throw new StorageConflictException(
          where(key), "stored size " + have.size() + ", new size " + c.size());
    }
    String sha = have.sha256();
    if (sha == null && have.multipart()) {
      // A listing has no metadata; a HEAD does. Without either, equal size is all we can know
      // short of a GET, and pool keys name their content's sha256 anyway.
      sha = head(key).map(Stored::sha256).orElse(null);
    }
    if (sha != null
        ? !sha.equalsIgnoreCase(c.sha256())
        : !have.multipart() && !have.etagIsMd5(c.md5Hex())) {
      throw new StorageConflictException(where(key), "same size, different content");
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String k = key(key);
    S3Errors.call(where(key), "DELETE", () -> s3.deleteObject(b -> b.bucket(bucket).key(k)));
    if (isPool(key) && poolIndex != null) {
      poolIndex.remove(key);
    }
  }

  /**
   * Copies an object within the bucket, with the target key's headers, over whatever is at {@code
   * to}: only for objects no published snapshot owns.
   */
  void copy(String from, String to, String sha256) throws IOException {
    String src = key(from);
    String dst = key(to);
    Map<String, String> meta = sha256 == null ? Map.of() : Map.of(SHA256, sha256);
    S3Errors.call(
        where(to),
        "COPY from " + where(from),
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(bucket)
                        .sourceKey(src)
                        .destinationBucket(bucket)
                        .destinationKey(dst)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .contentType(S3ObjectHeaders.contentType(to))
                        .cacheControl(S3ObjectHeaders.cacheControl(to))
                        .metadata(meta)));
  }

  // ---- snapshots

  @Override
  public SnapshotTransaction begin(RepoName repo, SnapshotDate date) throws IOException {
    return new S3SnapshotTransaction(this, repo, date);
  }

  /**
   * Copies the snapshot's own files (its indexes and pages) under {@code <repo>/latest/}, skipping
   * those already there with the same content, then its manifest, then drops what the new snapshot
   * no longer has. Pool objects are never copied: indexes point into the pool with relative URLs
   * that work from {@code latest/} as from the dated prefix.
   */
  @Override
  public void pointLatest(RepoName repo, SnapshotDate date) throws IOException {
    byte[] manifestBytes;
    try (InputStream in = open(Layout.manifest(repo, date))) {
      manifestBytes = in.readAllBytes();
    }
    Manifest m =
        ManifestJson.read(
            new ByteArrayInputStream(manifestBytes), where(Layout.manifest(repo, date)));
    String from = Layout.snapshot(repo, date) + "/";
    String to = Layout.latest(repo) + "/";
    Map<String, Stored> have = listStored(Layout.snapshot(repo, date));
    Map<String, Stored> there = listStored(Layout.latest(repo));
    Set<String> keep = new HashSet<>();
    List<Callable<Void>> copies = new ArrayList<>();
    for (FileEntry f : m.files()) {
      String target = to + f.path();
      keep.add(target);
      Stored src = have.get(from + f.path());
      Stored dst = there.get(target);
      if (src != null && dst != null && dst.size() == src.size() && sameEtag(src, dst)) {
        continue;
      }
      copies.add(
          () -> {
            copy(from + f.path(), target, f.sha256());
            return null;
          });
    }
    runAll(copies);
    String latestManifest = to + Layout.MANIFEST;
    keep.add(latestManifest);
    upload(
        latestManifest, S3Uploads.Content.of(manifestBytes), false, Map.of(DATE, date.toString()));
    List<Callable<Void>> deletes = new ArrayList<>();
    for (String old : there.keySet()) {
      if (!keep.contains(old)) {
        deletes.add(
            () -> {
              delete(old);
              return null;
            });
      }
    }
    runAll(deletes);
  }

  private static boolean sameEtag(Stored a, Stored b) {
    return a.etag() != null && !a.multipart() && a.etag().equals(b.etag());
  }

  @Override
  public Optional<SnapshotDate> latest(RepoName repo) throws IOException {
    String key = Layout.latest(repo) + "/" + Layout.MANIFEST;
    Optional<Stored> s = head(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String date = s.get().date();
    if (date == null) {
      try (InputStream in = open(key)) {
        date = ManifestJson.read(in, where(key)).date();
      }
    }
    return SnapshotDate.looksLikeDate(date)
        ? Optional.of(SnapshotDate.parse(date))
        : Optional.empty();
  }

  @Override
  public StorageLock lock(RepoName repo, String holder, boolean breakStale) throws IOException {
    return S3Lock.take(this, Layout.lock(repo), repo, holder, breakStale);
  }

  @Override
  public synchronized Path scratch() throws IOException {
    if (scratch == null) {
      scratch = Files.createTempDirectory("tintype-s3-");
    }
    return scratch;
  }

  // ---- plumbing

  <T> Future<T> submit(Callable<T> task) {
    return workers.submit(task);
  }

  /** Runs tasks on the upload workers; the first failure is thrown once all have finished. */
  void runAll(List<Callable<Void>> tasks) throws IOException {
    List<Future<Void>> futures = new ArrayList<>();
    for (Callable<Void> t : tasks) {
      futures.add(workers.submit(t));
    }
    IOException first = null;
    for (Future<Void> f : futures) {
      try {
        await(f);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for an upload");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof UncheckedIOException) {
        throw ((UncheckedIOException) c).getCause();
      }
      if (c instanceof SdkException) {
        throw S3Errors.translate("S3", "upload", (SdkException) c);
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IOException(c);
    }
  }

  S3Client client() {
    return s3;
  }

  String bucket() {
    return bucket;
  }

  FileAlreadyExistsException alreadyPublished(String manifestKey) {
    return new FileAlreadyExistsException(
        where(manifestKey), null, "snapshot already published; it is never rewritten");
  }

  @Override
  public void close() throws IOException {
    workers.shutdownNow();
    s3.close();
    Path dir;
    synchronized (this) {
      dir = scratch;
      scratch = null;
    }
    if (dir != null) {
      FileTrees.deleteTree(dir);
    }
  }
}
