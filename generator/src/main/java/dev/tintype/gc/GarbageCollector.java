package dev.tintype.gc;

import dev.tintype.config.Config;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.pages.RootPage;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.EntrySpool;
import dev.tintype.sync.Snapshots;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Deletes the snapshots a retention policy does not keep, what failed runs left, the sharded runs
 * that are done ({@link ShardRuns}), and then the pool files no remaining snapshot or sharded run
 * references.
 *
 * <p>It holds the lock of every repository on the storage, configured or not, for the whole run:
 * the pool is shared, and a sync stores pool files before its manifest names them, so no sync or
 * import may run meanwhile (theirs then fail naming the gc as the holder; a gc started during a
 * sync fails the same way). Everything is decided before anything is deleted, from the manifests
 * alone, so a dry run reports exactly what the gc would delete, and a manifest that cannot be read
 * stops the gc before it deletes anything. Snapshots go before the pool files they alone
 * referenced: killed at any point, every remaining snapshot is whole, and the next gc finishes.
 */
public final class GarbageCollector {
  private static final String HOLDER = "gc";
  // Referenced pool keys held in memory before they spill to a sorted run file.
  private static final int RUN_SIZE = 50_000;

  /** A pool file a remaining snapshot references, with its size as the manifest lists it. */
  record Ref(String key, long size) {}

  private static final EntrySpool.Codec<Ref> REFS =
      new EntrySpool.Codec<>() {
        @Override
        public void write(Ref ref, DataOutputStream out) throws IOException {
          out.writeUTF(ref.key());
          out.writeLong(ref.size());
        }

        @Override
        public Ref read(DataInputStream in) throws IOException {
          return new Ref(in.readUTF(), in.readLong());
        }
      };

  private final Storage storage;
  private final List<RepoName> configured;
  private final Optional<RetentionPolicy> policy;
  private final GcListener listener;
  private final int runSize;
  private Optional<Config> pages = Optional.empty();

  /**
   * @param configured the repositories the retention policy applies to; snapshots of any other
   *     repository on the storage are kept, and their pool files with them
   * @param policy without one, no snapshot is deleted
   */
  public GarbageCollector(
      Storage storage,
      List<RepoName> configured,
      Optional<RetentionPolicy> policy,
      GcListener listener) {
    this(storage, configured, policy, listener, RUN_SIZE);
  }

  /** With a spill size tests can make small. */
  GarbageCollector(
      Storage storage,
      List<RepoName> configured,
      Optional<RetentionPolicy> policy,
      GcListener listener,
      int runSize) {
    this.storage = storage;
    this.configured = List.copyOf(configured);
    this.policy = policy;
    this.listener = listener;
    this.runSize = runSize;
  }

  /** After deleting snapshots, rewrites the root {@code index.html} for {@code config}. */
  public GarbageCollector rewritingRootPage(Config config) {
    this.pages = Optional.of(config);
    return this;
  }

  /**
   * Runs a gc.
   *
   * @param only deletes snapshots of this repository only (pool files and failed runs' remains are
   *     still collected across all)
   * @param breakLock removes an S3 lock object a killed run left, as {@code sync --break-lock}
   */
  public GcReport run(boolean dryRun, Optional<RepoName> only, boolean breakLock)
      throws IOException {
    List<StorageLock> held = new ArrayList<>();
    try {
      SortedSet<RepoName> repos = lockAll(held, breakLock);
      listener.locked(List.copyOf(repos));
      return collect(repos, dryRun, only);
    } finally {
      IOException first = null;
      for (int i = held.size() - 1; i >= 0; i--) {
        try {
          held.get(i).close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  /**
   * Takes the lock of every repository configured, on the storage or with a lock, in name order
   * (two gcs cannot deadlock), until no new one shows up: a first sync of a new repository has only
   * its lock to show for itself.
   */
  private SortedSet<RepoName> lockAll(List<StorageLock> held, boolean breakLock)
      throws IOException {
    SortedSet<RepoName> locked = new TreeSet<>(java.util.Comparator.comparing(RepoName::name));
    while (true) {
      SortedSet<RepoName> wanted = new TreeSet<>(locked.comparator());
      wanted.addAll(repositories());
      wanted.removeAll(locked);
      if (wanted.isEmpty()) {
        return locked;
      }
      for (RepoName r : wanted) {
        held.add(storage.lock(r, HOLDER, breakLock));
        locked.add(r);
      }
    }
  }

  private Set<RepoName> repositories() throws IOException {
    Set<RepoName> out = new HashSet<>(configured);
    for (String child : storage.children("")) {
      repoName(child).ifPresent(out::add);
    }
    for (String lock : storage.children(Layout.locks())) {
      RepoName r = Layout.repoOfLock(lock);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static Optional<RepoName> repoName(String name) {
    try {
      return Optional.of(new RepoName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // pool, .tintype: not a repository
    }
  }

  private GcReport collect(SortedSet<RepoName> repos, boolean dryRun, Optional<RepoName> only)
      throws IOException {
    // Decide everything first.
    Map<RepoName, List<SnapshotDate>> remaining = new LinkedHashMap<>();
    Map<RepoName, List<SnapshotDate>> before = new LinkedHashMap<>();
    Map<String, Long> doomed = new LinkedHashMap<>();
    List<String> abandoned = new ArrayList<>();
    int kept = 0;
    long snapshotBytes = 0;
    for (RepoName repo : repos) {
      abandoned.addAll(storage.abandoned(repo));
      List<SnapshotDate> published = Snapshots.published(storage, repo);
      before.put(repo, published);
      Set<SnapshotDate> keep = new HashSet<>(published);
      if (policy.isPresent() && configured.contains(repo) && only.map(repo::equals).orElse(true)) {
        keep = new HashSet<>(policy.get().keep(published));
        storage.latest(repo).ifPresent(keep::add);
      }
      List<SnapshotDate> stay = new ArrayList<>();
      for (SnapshotDate d : published) {
        if (keep.contains(d)) {
          stay.add(d);
        } else {
          long bytes = ownBytes(repo, d);
          doomed.put(Layout.snapshot(repo, d), bytes);
          snapshotBytes += bytes;
        }
      }
      remaining.put(repo, stay);
      kept += stay.size();
    }
    List<String> doomedRuns = new ArrayList<>();
    List<FileEntry> held = new ArrayList<>();
    for (ShardRuns.Run run : ShardRuns.read(storage)) {
      if (ShardRuns.done(run, before, remaining)) {
        doomedRuns.add(run.id());
      } else {
        held.addAll(run.files());
      }
    }
    long[] pool;
    try (EntrySpool<Ref> referenced = mark(remaining, held)) {
      listener.marked(kept);
      for (String key : abandoned) {
        listener.abandoned(key);
        if (!dryRun) {
          storage.deleteAbandoned(key);
        }
      }
      for (Map.Entry<String, Long> e : doomed.entrySet()) {
        String[] parts = e.getKey().split("/");
        RepoName repo = new RepoName(parts[0]);
        SnapshotDate date = SnapshotDate.parse(parts[1]);
        listener.snapshot(repo, date, e.getValue());
        if (!dryRun) {
          storage.deleteSnapshot(repo, date);
          storage.delete(Layout.summary(repo, date));
        }
      }
      for (String run : doomedRuns) {
        listener.run(run);
        if (!dryRun) {
          ShardRuns.delete(storage, run);
        }
      }
      if (!dryRun && !doomed.isEmpty() && pages.isPresent()) {
        RootPage.publish(storage, pages.get());
      }
      pool = PoolSweep.sweep(storage, listener, referenced.sorted().iterator(), dryRun);
    }
    Map<String, Integer> keptByRepo = new LinkedHashMap<>();
    remaining.forEach((repo, dates) -> keptByRepo.put(repo.name(), dates.size()));
    return new GcReport(
        dryRun,
        kept,
        List.copyOf(doomed.keySet()),
        snapshotBytes,
        abandoned,
        pool[0],
        pool[1],
        keptByRepo,
        new GcReport.PoolSize(pool[2], pool[3]),
        doomedRuns);
  }

  /**
   * The pool keys the remaining snapshots reference, read from their manifests one entry at a time
   * into a spool that sorts them with bounded memory, however many snapshots there are, and the
   * pool files {@code held} by sharded runs not yet published.
   */
  private EntrySpool<Ref> mark(Map<RepoName, List<SnapshotDate>> remaining, List<FileEntry> held)
      throws IOException {
    EntrySpool<Ref> referenced =
        new EntrySpool<>(
            storage.scratch(),
            "gc-" + UUID.randomUUID(),
            REFS,
            Ref::key,
            EntrySpool.Duplicates.KEEP_FIRST,
            runSize);
    long total = remaining.values().stream().mapToLong(List::size).sum();
    long done = 0;
    listener.progress(GcListener.Step.MARK, 0, total, -1);
    try {
      for (FileEntry f : held) {
        referenced.add(new Ref(f.path(), f.size()));
      }
      for (Map.Entry<RepoName, List<SnapshotDate>> e : remaining.entrySet()) {
        for (SnapshotDate d : e.getValue()) {
          String key = Layout.manifest(e.getKey(), d);
          try (ManifestFiles pool = ManifestFiles.openPool(storage.open(key), key)) {
            for (FileEntry f = pool.next(); f != null; f = pool.next()) {
              referenced.add(new Ref(f.path(), f.size()));
            }
          }
          listener.progress(GcListener.Step.MARK, ++done, total, -1);
        }
      }
    } catch (IOException | RuntimeException e) {
      referenced.close();
      throw e;
    }
    return referenced;
  }

  /** The bytes of a snapshot's own files, as its manifest lists them. */
  private long ownBytes(RepoName repo, SnapshotDate date) throws IOException {
    String key = Layout.manifest(repo, date);
    long bytes = 0;
    try (ManifestFiles files = ManifestFiles.open(storage.open(key), key)) {
      for (FileEntry f = files.next(); f != null; f = files.next()) {
        bytes += f.size();
      }
    }
    return bytes;
  }
}
