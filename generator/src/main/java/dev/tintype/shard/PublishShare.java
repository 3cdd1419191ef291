package dev.tintype.shard;

import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.storage.Storage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Share;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the publish of a sharded run gives one repository's mirror: every package, the pool files
 * the shards stored, and upstream as the shards saw it. Pages and indexes come from the run's
 * stored copies and serials from the shard results, so the publish asks upstream nothing, and
 * builds the snapshot from the very state its shards planned against.
 */
final class PublishShare implements Share {
  private final Storage storage;
  private final String run;
  private final String repo;
  private final int shards;
  private final List<Integer> carried;
  private final List<FileEntry> stored;
  private final Map<String, String> planned;
  private final Map<String, ShardResult.Page> pages;
  private final Map<String, Long> serials;

  private PublishShare(Builder b) {
    this.storage = b.storage;
    this.run = b.run;
    this.repo = b.repo;
    this.shards = b.shards;
    this.carried = b.carried;
    this.stored = List.copyOf(b.files);
    this.planned = Map.copyOf(b.digests);
    this.pages = Map.copyOf(b.pages);
    this.serials = Map.copyOf(b.serials);
  }

  /** Merges the shards' records of one repository, refusing shards that saw different upstreams. */
  static final class Builder {
    private final Storage storage;
    private final String run;
    private final String repo;
    private final int shards;
    private final List<Integer> carried;
    private final List<FileEntry> files = new ArrayList<>();
    private final Map<String, String> digests = new TreeMap<>();
    private final Map<String, Integer> digestShard = new HashMap<>();
    private final Map<String, ShardResult.Page> pages = new HashMap<>();
    private final Map<String, Integer> pageShard = new HashMap<>();
    private final Map<String, Long> serials = new HashMap<>();

    Builder(Storage storage, String run, String repo, int shards, List<Integer> carried) {
      this.storage = storage;
      this.run = run;
      this.repo = repo;
      this.shards = shards;
      this.carried = List.copyOf(carried);
    }

    void add(int shard, ShardResult.Repo r) throws ShardedPublish.NotReadyException {
      files.addAll(r.files());
      for (Map.Entry<String, String> d : r.digests().entrySet()) {
        String before = digests.putIfAbsent(d.getKey(), d.getValue());
        digestShard.putIfAbsent(d.getKey(), shard);
        if (before != null && !before.equals(d.getValue())) {
          throw different(
              digestShard.get(d.getKey()),
              shard,
              "planned " + repo + "/" + d.getKey() + " against different upstream indexes",
              before,
              d.getValue());
        }
      }
      for (Map.Entry<String, ShardResult.Page> p : r.pages().entrySet()) {
        ShardResult.Page before = pages.putIfAbsent(p.getKey(), p.getValue());
        pageShard.putIfAbsent(p.getKey(), shard);
        // The same bytes are the same upstream state, from whichever server or redirect.
        if (before != null && !java.util.Objects.equals(before.sha256(), p.getValue().sha256())) {
          throw different(
              pageShard.get(p.getKey()),
              shard,
              "read different pages at " + p.getKey(),
              String.valueOf(before.sha256()),
              String.valueOf(p.getValue().sha256()));
        }
      }
      serials.putAll(r.serials());
    }

    private ShardedPublish.NotReadyException different(
        int first, int second, String what, String one, String other) {
      return new ShardedPublish.NotReadyException(
          "run "
              + run
              + ": shards "
              + first
              + " and "
              + second
              + " "
              + what
              + " ("
              + one
              + " and "
              + other
              + "): upstream changed during the run. Rerun every shard with a new --run");
    }

    PublishShare build() {
      return new PublishShare(this);
    }
  }

  @Override
  public boolean owns(String name) {
    return true;
  }

  @Override
  public boolean carried(String name) {
    return !carried.isEmpty() && carried.contains(ShardSpec.shardOf(name, shards));
  }

  @Override
  public Map<String, String> note() {
    if (carried.isEmpty()) {
      return Map.of();
    }
    List<String> names = new ArrayList<>();
    carried.forEach(i -> names.add(i + "/" + shards));
    return Map.of(
        ShardedPublish.CARRIED_PROPERTY,
        "run " + run + ": shards " + String.join(", ", names) + " from the previous snapshot");
  }

  @Override
  public List<FileEntry> stored() {
    return stored;
  }

  @Override
  public void planned(String dir, Supplier<String> digested) throws IOException {
    String expected = planned.get(dir);
    if (expected == null) {
      throw new ShardedPublish.NotReadyException(
          "run " + run + ": none of its " + shards + " shards synced " + repo + "/" + dir);
    }
    String digest = digested.get();
    if (!expected.equals(digest)) {
      // The index is read from the run's own copy: only a damaged copy gets here.
      throw new BadUpstreamException(
          repo
              + "/"
              + dir
              + ": the index stored by the shards of run "
              + run
              + " does not give the digest they planned from ("
              + expected
              + ", now "
              + digest
              + "); nothing was published. Rerun every shard with a new --run");
    }
  }

  /** The page as a shard read it, from the run's copy; upstream is not asked. */
  @Override
  public <T> Optional<T> page(
      Fetcher fetcher, URI url, String accept, long maxBytes, Fetcher.PageReader<T> reader)
      throws IOException {
    ShardResult.Page p = pages.get(url.toString());
    if (p == null) {
      throw new ShardedPublish.NotReadyException(
          "run "
              + run
              + ": none of its "
              + shards
              + " shards read "
              + url
              + ", which publishing "
              + repo
              + " needs (were the shards run with this config?); nothing was published");
    }
    if (p.absent()) {
      return Optional.empty();
    }
    try (InputStream in = storage.open(Layout.runUpstream(run, new Sha256(p.sha256())))) {
      return Optional.of(reader.read(new Fetcher.PageBody(in, p.headers(), p.url())));
    }
  }

  @Override
  public Map<String, Long> serials(Supplier<Map<String, Long>> read) {
    return serials;
  }
}
