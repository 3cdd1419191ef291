package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage in an S3 bucket (AWS, MinIO, Ceph, R2, S3Proxy): keys are {@code prefix + layout key}.
 * There is no rename, so a snapshot is written in place and exists once its manifest does; {@code
 * latest/} holds copies of the newest snapshot's own files ({@link S3Latest}). Credentials come
 * only from the AWS SDK's provider chain.
 */
public final class S3Storage implements Storage {
  private final S3Objects objects;
  private final S3Workers workers = new S3Workers();
  private final S3Latest latest;
  private final S3PoolIndex pool;
  private final Set<String> publishedManifests = ConcurrentHashMap.newKeySet();
  private Path scratch;

  private S3Storage(S3Client s3, StorageConfig.S3 cfg) {
    this.objects = new S3Objects(s3, cfg);
    this.latest = new S3Latest(objects, workers);
    this.pool = new S3PoolIndex(objects, workers);
  }

  /** Opens the bucket with credentials from the AWS SDK default provider chain. */
  public static S3Storage open(StorageConfig.S3 cfg) throws IOException {
    return open(cfg, DefaultCredentialsProvider.builder().build());
  }

  /** Opens the bucket with the given credentials (tests; the CLI uses the default chain). */
  public static S3Storage open(StorageConfig.S3 cfg, AwsCredentialsProvider credentials)
      throws IOException {
    S3Storage storage = new S3Storage(S3Clients.build(cfg, credentials, S3Workers.PARALLEL), cfg);
    try {
      storage.objects.checkBucket();
    } catch (IOException | RuntimeException e) {
      storage.close();
      throw e;
    }
    return storage;
  }

  /** Multipart uploads above this size (tests lower it). */
  void multipart(long threshold, long partSize) {
    objects.multipart(threshold, partSize);
  }

  S3Objects objects() {
    return objects;
  }

  String where(String key) {
    return objects.where(key);
  }

  @Override
  public boolean placesLinks() {
    return false;
  }

  @Override
  public String describe() {
    return objects.describe();
  }

  // ---- reading

  /** Pool objects are looked up in one listing of the pool per run, not one request each. */
  private Optional<S3Objects.Stored> lookup(String key) throws IOException {
    if (isPool(key)) {
      return pool.get(key);
    }
    return objects.head(key);
  }

  private static boolean isPool(String key) {
    return key.startsWith(Layout.POOL + "/");
  }

  @Override
  public boolean exists(String key) throws IOException {
    if (publishedManifests.contains(key)) {
      return true;
    }
    boolean there = lookup(key).isPresent();
    // A dated snapshot's manifest never changes once written and goes only through delete here:
    // a sync asks for every one of them (previous snapshot, root page, run record), one HEAD each.
    if (there && Layout.isManifest(key)) {
      publishedManifests.add(key);
    }
    return there;
  }

  @Override
  public Optional<Long> size(String key) throws IOException {
    return lookup(key).map(S3Objects.Stored::size);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return objects.get(key);
  }

  @Override
  public List<String> list(String under) throws IOException {
    List<String> out = new ArrayList<>(objects.list(under).keySet());
    out.sort(null);
    return out;
  }

  @Override
  public Iterator<String> listing(String under) throws IOException {
    return objects.keyListing(under);
  }

  @Override
  public List<String> children(String under) throws IOException {
    return objects.children(under);
  }

  // ---- writing

  @Override
  public boolean put(String key, Path source, boolean consume) throws IOException {
    return putFile(key, source, consume, S3Uploads.Content.of(source));
  }

  @Override
  public boolean put(String key, Path source, boolean consume, KnownDigests known)
      throws IOException {
    // The file is hashed once more by the SDK to sign the PUT, and its Content-MD5 is checked by
    // the store: bytes that differ from the digests given are refused, not stored.
    return putFile(key, source, consume, S3Uploads.Content.of(source, known));
  }

  private boolean putFile(String key, Path source, boolean consume, S3Uploads.Content c)
      throws IOException {
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

  @Override
  public void replace(String key, byte[] content) throws IOException {
    // A single PUT replaces an object atomically for readers.
    upload(key, S3Uploads.Content.of(content), false);
  }

  /**
   * Stores content under a new key; identical content already there is left alone (no PUT), other
   * content is refused. The PUT is conditional ({@code If-None-Match: *}), so a concurrent writer
   * cannot be overwritten on stores that honour it.
   */
  boolean putIfAbsent(String key, S3Uploads.Content c) throws IOException {
    // A new pool object goes straight to its conditional PUT unless the pool is listed anyway (a
    // nightly lists nothing: a listing of millions of keys would cost more than the PUTs it
    // spares).
    Optional<S3Objects.Stored> have =
        isPool(key) && !pool.listedOrListing() ? Optional.empty() : lookup(key);
    if (have.isPresent()) {
      requireSame(key, have.get(), c);
      return false;
    }
    if (!upload(key, c, true)) {
      requireSame(
          key, objects.head(key).orElseThrow(() -> new IOException(where(key) + " vanished")), c);
      return false;
    }
    return true;
  }

  /** Stores content only if nothing is there yet; false if something is (not compared). */
  boolean putIfAbsentExact(String key, S3Uploads.Content c) throws IOException {
    if (objects.head(key).isPresent()) {
      return false;
    }
    return upload(key, c, true);
  }

  /** Stores content whatever is there: only for objects no published snapshot owns. */
  void putReplacing(String key, S3Uploads.Content c) throws IOException {
    upload(key, c, false);
  }

  private boolean upload(String key, S3Uploads.Content c, boolean ifAbsent) throws IOException {
    boolean created = objects.put(key, c, ifAbsent, Map.of());
    if (created && isPool(key)) {
      pool.changed(key, Optional.of(new S3Objects.Stored(c.size(), c.md5Hex(), c.sha256(), null)));
    }
    return created;
  }

  private void requireSame(String key, S3Objects.Stored have, S3Uploads.Content c)
      throws IOException {
    if (have.size() != c.size()) {
      throw new StorageConflictException(
          where(key), "stored size " + have.size() + ", new size " + c.size());
    }
    String sha = have.sha256();
    if (sha == null && have.multipart()) {
      // A listing has no metadata; a HEAD does. Without either, equal size is all we can know
      // short of a GET, and pool keys name their content's sha256 anyway.
      sha = objects.head(key).map(S3Objects.Stored::sha256).orElse(null);
    }
    if (sha != null
        ? !sha.equalsIgnoreCase(c.sha256())
        : !have.multipart() && !have.etagIsMd5(c.md5Hex())) {
      throw new StorageConflictException(where(key), "same size, different content");
    }
  }

  @Override
  public void delete(String key) throws IOException {
    publishedManifests.remove(key);
    objects.delete(key);
    if (isPool(key)) {
      pool.changed(key, Optional.empty());
    }
  }

  // ---- snapshots

  @Override
  public void deleteSnapshot(RepoName repo, SnapshotDate date) throws IOException {
    // The manifest is what makes a snapshot exist: gone first, the rest is an abandoned tree.
    delete(Layout.manifest(repo, date));
    deleteAll(Layout.snapshot(repo, date));
  }

  private void deleteAll(String prefix) throws IOException {
    List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
    for (String key : list(prefix)) {
      tasks.add(
          () -> {
            objects.delete(key);
            return null;
          });
    }
    runAll(tasks);
  }

  @Override
  public List<String> abandoned(RepoName repo) throws IOException {
    List<String> out = new ArrayList<>();
    for (String child : children(Layout.repo(repo))) {
      if (SnapshotDate.looksLikeDate(child)) {
        SnapshotDate d = SnapshotDate.parse(child);
        if (objects.head(Layout.manifest(repo, d)).isEmpty()) {
          out.add(Layout.snapshot(repo, d));
        }
      }
    }
    return out;
  }

  @Override
  public void deleteAbandoned(String key) throws IOException {
    String[] parts = key.split("/", -1);
    if (parts.length != 2 || !SnapshotDate.looksLikeDate(parts[1])) {
      throw new IllegalArgumentException("'" + key + "' is not a <repo>/<date> prefix");
    }
    RepoName repo = new RepoName(parts[0]);
    SnapshotDate date = SnapshotDate.parse(parts[1]);
    if (objects.head(Layout.manifest(repo, date)).isPresent()) {
      throw new IOException(
          where(key) + " is a published snapshot, not the remains of a failed run; left alone");
    }
    deleteAll(key);
  }

  @Override
  public <T> List<T> inParallel(List<Callable<T>> tasks) throws IOException {
    return workers.callAll(tasks);
  }

  @Override
  public boolean checksReusedPoolFiles() {
    return false;
  }

  @Override
  public SnapshotTransaction begin(RepoName repo, SnapshotDate date) throws IOException {
    return new S3SnapshotTransaction(this, repo, date);
  }

  @Override
  public void pointLatest(RepoName repo, SnapshotDate date) throws IOException {
    latest.point(repo, date);
  }

  @Override
  public Optional<SnapshotDate> latest(RepoName repo) throws IOException {
    return latest.date(repo);
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
    workers.runAll(tasks);
  }

  S3Client client() {
    return objects.client();
  }

  @Override
  public void close() throws IOException {
    workers.close();
    objects.client().close();
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
