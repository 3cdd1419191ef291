package dev.tintype.sync;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.pages.BrowsePages;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.pages.RootPage;
import dev.tintype.sign.SshSignature;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** Runs a sync: for each repository, build a snapshot and publish it whole, or not at all. */
public final class Syncer {
  /** A snapshot's browsable page, {@code <repo>/<date>/index.html}. */
  public static final String SNAPSHOT_PAGE = "index.html";

  private final Config config;
  private final Storage storage;
  private final Fetcher fetcher;
  private final ExecutorService downloads;
  private final SyncListener listener;
  private final Map<RepoType, Mirror> mirrors;
  private final boolean breakLock;
  private final java.util.function.Function<RepoConfig, Share> shares;

  public Syncer(
      Config config,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncListener listener,
      Map<RepoType, Mirror> mirrors) {
    this(config, storage, fetcher, downloads, listener, mirrors, false);
  }

  /** With {@code breakLock}, a lock left by a sync that died (on S3 it outlives it) is removed. */
  public Syncer(
      Config config,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncListener listener,
      Map<RepoType, Mirror> mirrors,
      boolean breakLock) {
    this(config, storage, fetcher, downloads, listener, mirrors, breakLock, r -> Share.WHOLE);
  }

  /**
   * The publish of a sharded run: {@code shares} gives each repository's mirror what the run's
   * shards stored and the upstream index they planned from.
   */
  public Syncer(
      Config config,
      Storage storage,
      Fetcher fetcher,
      ExecutorService downloads,
      SyncListener listener,
      Map<RepoType, Mirror> mirrors,
      boolean breakLock,
      java.util.function.Function<RepoConfig, Share> shares) {
    this.shares = shares;
    this.breakLock = breakLock;
    this.config = config;
    this.storage = storage;
    this.fetcher = fetcher;
    this.downloads = downloads;
    this.listener = listener;
    this.mirrors = Map.copyOf(mirrors);
  }

  /**
   * How one repository's sync ended.
   *
   * @param missing configured packages or projects upstream did not have, left out of a published
   *     snapshot (and named in its manifest)
   * @param files the pool files the snapshot lists (0 if nothing was published)
   * @param storedBytes their total size
   */
  public record Outcome(
      String repo,
      boolean published,
      int packages,
      long downloads,
      long bytes,
      String note,
      List<String> missing,
      long files,
      long storedBytes) {
    public Outcome {
      missing = List.copyOf(missing);
    }

    public Outcome(
        String repo,
        boolean published,
        int packages,
        long downloads,
        long bytes,
        String note,
        List<String> missing) {
      this(repo, published, packages, downloads, bytes, note, missing, 0, 0);
    }

    /** Pool files the snapshot lists that this run did not download: already in the pool. */
    public long carried() {
      return Math.max(0, files - downloads);
    }
  }

  public List<Outcome> sync(SyncOptions options) throws IOException {
    List<RepoConfig> repos = new ArrayList<>();
    for (RepoConfig r : config.repos()) {
      if (options.includes(r.name())) {
        repos.add(r);
      }
    }
    if (repos.isEmpty()) {
      throw new IllegalArgumentException(
          "no repository named '" + options.onlyRepo().orElseThrow() + "' in the config");
    }
    List<Outcome> out = new ArrayList<>();
    for (RepoConfig r : repos) {
      String name = r.name().name();
      listener.started(name);
      Outcome o;
      try {
        o = syncOne(r, options);
      } catch (IOException | RuntimeException | Error e) {
        listener.failed(name, e);
        throw e;
      }
      listener.finished(o);
      out.add(o);
    }
    return out;
  }

  private Outcome syncOne(RepoConfig repo, SyncOptions options) throws IOException {
    String name = repo.name().name();
    SnapshotDate date = options.date();
    // The lock adds host, pid and start time (LockHolder).
    String holder = "sync";
    try (StorageLock lock = storage.lock(repo.name(), holder, breakLock)) {
      if (storage.exists(Layout.manifest(repo.name(), date))) {
        listener.info(name, "snapshot " + name + "/" + date + " is already published; unchanged");
        Snapshots.repairLatest(storage, repo.name());
        return new Outcome(name, false, -1, 0, 0, "already published", List.of());
      }
      Mirror mirror = mirrors.get(repo.type());
      if (mirror == null) {
        throw new IllegalStateException("no mirror for type " + repo.type().id());
      }
      Path scratch = scratch(repo);
      Optional<PreviousSnapshot> previous = Snapshots.previous(storage, repo.name(), date, scratch);
      IndexProgress progress = new IndexProgress(listener, name);
      long dl0 = fetcher.downloads();
      long by0 = fetcher.bytes();
      MirrorContext ctx =
          new MirrorContext(
              repo,
              options,
              storage,
              new Pool(storage, previous),
              fetcher.forUpstream(repo.upstream()),
              downloads,
              config.parallelDownloads(),
              scratch,
              previous,
              progress,
              shares.apply(repo));
      Mirror.Result result;
      long files;
      long stored;
      ManifestSummary summary;
      Path manifestFile = ctx.scratch().resolve(".manifest.json");
      try (PreviousSnapshot.Closer closer = new PreviousSnapshot.Closer(previous);
          SnapshotTransaction tx = storage.begin(repo.name(), date);
          SnapshotSink sink = new SnapshotSink(tx, ctx.scratch())) {
        sink.onWrite(progress::written);
        tx.onUpload(
            (parts, total, b, tb) -> listener.progress(name, Phase.COMMIT, parts, total, b, tb));
        result = mirror.build(ctx, sink);
        checkShrink(repo, options, previous, result.packages());
        Manifest head =
            new Manifest(
                Manifest.FORMAT,
                name,
                repo.type().id(),
                date.toString(),
                result.packages(),
                withNote(result.properties(), ctx.share().note()),
                null,
                null,
                null);
        progress.phase(name, Phase.COMMIT);
        // The browsable page is one of the snapshot's files, listed in its manifest.
        BrowsePages.Snapshot page =
            new BrowsePages.Snapshot(
                name,
                repo.type().id(),
                date.toString(),
                config.publicUrl(),
                sink.listing().groups());
        sink.write(SNAPSHOT_PAGE, out -> BrowsePages.writeSnapshot(page, out));
        try (OutputStream out =
            new BufferedOutputStream(Files.newOutputStream(manifestFile), 1 << 16)) {
          sink.writeManifest(head, out);
        }
        files = sink.poolFiles();
        stored = sink.poolBytes();
        summary = sink.summary();
        // Into the snapshot before the manifest: the commit that publishes one publishes both.
        if (config.trust().signingKey().isPresent()) {
          try (InputStream in = Files.newInputStream(manifestFile)) {
            tx.write(
                Layout.MANIFEST_SIGNATURE,
                SshSignature.sign(config.trust().signingKey().get(), in));
          }
        }
        tx.commit(manifestFile);
      } finally {
        Files.deleteIfExists(manifestFile);
      }
      // The root page reads every snapshot's summary: this one's is known without a second read
      // of its manifest (117 MB for 100,000 PyPI projects).
      ManifestSummary.keep(storage, repo.name(), date, summary);
      listener.phase(name, Phase.LATEST);
      Snapshots.repairLatest(storage, repo.name());
      RootPage.publish(storage, config);
      long dl = fetcher.downloads() - dl0;
      long by = fetcher.bytes() - by0;
      listener.info(
          name,
          "published "
              + name
              + "/"
              + date
              + ": "
              + result.packages()
              + " packages, "
              + dl
              + " files downloaded ("
              + by
              + " bytes)"
              + config
                  .trust()
                  .signingKey()
                  .map(k -> ", signed by " + k.publicKey().fingerprint())
                  .orElse(""));
      return new Outcome(
          name, true, result.packages(), dl, by, "published", result.missing(), files, stored);
    }
  }

  private static Map<String, String> withNote(Map<String, String> props, Map<String, String> note) {
    if (note.isEmpty()) {
      return props;
    }
    Map<String, String> all = new java.util.TreeMap<>(props);
    all.putAll(note);
    return all;
  }

  /** The repository's own download dir, emptied of what a killed run left (we hold its lock). */
  private Path scratch(RepoConfig repo) throws IOException {
    return scratch(storage, repo.name().name());
  }

  /**
   * The download dir {@code name} below the storage's scratch dir, emptied of what a killed run
   * left: its owner must be the only process using the name.
   */
  public static Path scratch(Storage storage, String name) throws IOException {
    Path dir = storage.scratch().resolve(name);
    if (Files.isDirectory(dir)) {
      try (java.util.stream.Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static void checkShrink(
      RepoConfig repo, SyncOptions options, Optional<PreviousSnapshot> previous, int now)
      throws UpstreamShrankException {
    // A backfilled past day is expected to hold fewer packages than today.
    if (previous.isEmpty() || options.force() || options.backfill()) {
      return;
    }
    int before = previous.get().packages();
    if ((long) now * 2 < before) {
      throw new UpstreamShrankException(
          repo.name()
              + ": upstream "
              + repo.upstreamBase()
              + " lists "
              + now
              + " packages, but snapshot "
              + previous.get().date()
              + " has "
              + before
              + "; refusing to publish (an upstream fault?). Use --force if this is intended.");
    }
  }
}
