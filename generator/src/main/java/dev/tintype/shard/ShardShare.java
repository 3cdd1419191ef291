package dev.tintype.shard;

import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Share;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One shard's share of one repository while it runs: what it owns, and what it records for the
 * publish (the upstream digests it planned from, the pool files it stored, every page or index
 * upstream gave it, kept in the run by sha256, and its projects' serials). Pages are read on the
 * download threads, so the recording is synchronized.
 */
final class ShardShare implements Share {
  /** Called after each batch of fetched files, with the share as it stands. */
  interface Checkpoint {
    void save(ShardResult.Repo share) throws IOException;
  }

  private final Storage storage;
  private final String run;
  private final ShardSpec shard;
  private final String repo;
  private final List<FileEntry> before;
  private final Path scratch;
  private final Checkpoint checkpoint;
  private final Map<String, String> digests = new TreeMap<>();
  // By path: a rerun hands back files its earlier attempt recorded.
  private final Map<String, FileEntry> files = new LinkedHashMap<>();
  private final Map<String, ShardResult.Page> pages = new TreeMap<>();
  private final Map<String, Long> serials = new TreeMap<>();

  ShardShare(
      Storage storage,
      String run,
      ShardSpec shard,
      String repo,
      List<FileEntry> before,
      Path scratch,
      Checkpoint checkpoint) {
    this.storage = storage;
    this.run = run;
    this.shard = shard;
    this.repo = repo;
    this.before = List.copyOf(before);
    this.scratch = scratch;
    this.checkpoint = checkpoint;
    before.forEach(f -> files.put(f.path(), f));
  }

  /** The shard's own download dir, where pages are kept while they are read. */
  Path scratch() {
    return scratch;
  }

  /** What the shard has recorded so far. */
  synchronized ShardResult.Repo result() {
    return new ShardResult.Repo(
        repo, digests, List.copyOf(files.values()), Map.copyOf(pages), Map.copyOf(serials));
  }

  @Override
  public boolean owns(String name) {
    return shard.owns(name);
  }

  @Override
  public List<FileEntry> stored() {
    return before;
  }

  @Override
  public void fetched(List<FileEntry> more) throws IOException {
    synchronized (this) {
      more.forEach(f -> files.put(f.path(), f));
    }
    checkpoint.save(result());
  }

  @Override
  public synchronized void planned(String dir, Supplier<String> digest) {
    digests.put(dir, digest.get());
  }

  /**
   * Reads the page whole into scratch (the reader may stop before its end), parses it from there,
   * and keeps it in the run: shards that read the same bytes share one copy, and a copy already
   * there with other bytes under the same digest fails the storage's put.
   */
  @Override
  public <T> Optional<T> page(
      Fetcher fetcher, URI url, String accept, long maxBytes, Fetcher.PageReader<T> reader)
      throws IOException {
    Optional<Kept> got = fetcher.page(url, accept, maxBytes, this::keep);
    if (got.isEmpty()) {
      record(url, ShardResult.Page.ABSENT);
      return Optional.empty();
    }
    Kept k = got.get();
    try {
      T value;
      try (InputStream in = Files.newInputStream(k.file())) {
        value = reader.read(new Fetcher.PageBody(in, k.headers(), k.finalUrl()));
      }
      storage.put(Layout.runUpstream(run, k.sha256()), k.file(), true);
      record(url, new ShardResult.Page(k.sha256().hex(), k.finalUrl(), k.headers()));
      return Optional.of(value);
    } finally {
      Files.deleteIfExists(k.file());
    }
  }

  @Override
  public Map<String, Long> serials(Supplier<Map<String, Long>> read) {
    Map<String, Long> all = read.get();
    synchronized (this) {
      all.forEach(
          (name, serial) -> {
            if (shard.owns(name)) {
              serials.put(name, serial);
            }
          });
    }
    return all;
  }

  private synchronized void record(URI url, ShardResult.Page page) {
    pages.put(url.toString(), page);
  }

  private record Kept(Path file, Sha256 sha256, Map<String, String> headers, String finalUrl) {}

  private Kept keep(Fetcher.PageBody b) throws IOException {
    Path file = Files.createTempFile(scratch, "page-", ".tmp");
    MessageDigest d = Sha256.newDigest();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), d)) {
      b.body().transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new Kept(file, Sha256.of(d.digest()), kept(b.headers()), b.finalUrl());
  }

  /**
   * The response headers the mirrors read (lower case, as the fetcher gives them); the others, such
   * as {@code date}, differ from one read to the next and would only bloat the result.
   */
  static final Set<String> HEADERS = Set.of("content-type", "x-pypi-last-serial");

  private static Map<String, String> kept(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          if (HEADERS.contains(name)) {
            out.put(name, value);
          }
        });
    return out;
  }
}
