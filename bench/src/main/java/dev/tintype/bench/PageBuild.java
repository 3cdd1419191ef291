package dev.tintype.bench;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.pypi.SimpleTree;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.SnapshotSink;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The page-rendering benchmark's subject, run in its own JVM: publishes a PyPI snapshot of {@code
 * n} synthetic projects through the real publishing path (Syncer, SnapshotSink, FileStorage,
 * manifest) and PypiMirror's page writer ({@link SimpleTree}), with a mirror that makes its
 * projects up instead of fetching them. Pages are generated one at a time, so only what tintype
 * itself keeps stays in memory.
 *
 * <p>Usage: {@code PageBuild STORAGE_ROOT PROJECTS}
 */
public final class PageBuild {
  private PageBuild() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    RepoName repo = new RepoName("pypi");
    Config cfg =
        new Config(
            new StorageConfig(Optional.of(root), Optional.empty()),
            List.of(new RepoConfig(repo, RepoType.PYPI, URI.create("file:///none"), List.of("x"))),
            1);
    // As the CLI's default download pool: PypiMirror renders pages on it.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long t0 = System.nanoTime();
    try (FileStorage storage = new FileStorage(root)) {
      Fetcher unused = new Fetcher(HttpClients.create(pool, 1), RetryPolicy.standard());
      Syncer syncer =
          new Syncer(
              cfg, storage, unused, pool, SyncListener.NONE, Map.of(RepoType.PYPI, new Pages(n)));
      syncer.sync(
          new SyncOptions(SnapshotDate.parse("2026-01-01"), false, false, Optional.empty()));
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        java.util.Locale.ROOT, "built %d projects in %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
  }

  /** Renders made-up projects the way PypiMirror renders fetched ones. */
  static final class Pages implements Mirror {
    private final int n;

    Pages(int n) {
      this.n = n;
    }

    @Override
    public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
      SimpleTree tree = new SimpleTree(sink, ctx.downloads());
      for (int i = 0; i < n; i++) {
        ProjectPage page = page(i, new Random(i * 7L + 11));
        // What PypiMirror references for each file: the file and its .metadata in the pool.
        for (DistFile f : page.files()) {
          Sha256 sha = new Sha256(f.hashes().get("sha256"));
          String key = Layout.poolFile(sha, f.filename());
          sink.reference(new FileEntry(key, f.size(), sha.hex(), null));
          if (f.coreMetadata() != null) {
            sink.reference(
                new FileEntry(key + ".metadata", 900, f.coreMetadata().get("sha256"), null));
          }
        }
        tree.add(page);
      }
      return new Result(tree.finish(), Map.of());
    }
  }

  private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Project {@code i}: one to five releases, a wheel each and mostly an sdist. */
  static ProjectPage page(int i, Random r) {
    String name = PypiGen.name(i);
    String dist = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "_");
    List<DistFile> files = new ArrayList<>();
    int releases = 1 + r.nextInt(5);
    for (int v = 0; v < releases; v++) {
      String version = v + "." + r.nextInt(10) + "." + r.nextInt(10);
      Instant at = EPOCH.plusSeconds(r.nextInt(150_000_000));
      String requires = r.nextInt(3) == 0 ? ">=3.8" : null;
      String yanked = r.nextInt(40) == 0 ? "broken" : null;
      files.add(file(r, dist + "-" + version + "-py3-none-any.whl", requires, yanked, at, true));
      if (r.nextInt(4) != 0) {
        files.add(file(r, dist + "-" + version + ".tar.gz", requires, yanked, at, false));
      }
    }
    return new ProjectPage(new ProjectName(name), files, 1000L + i);
  }

  private static DistFile file(
      Random r, String filename, String requires, String yanked, Instant at, boolean wheel) {
    String sha = hex(r);
    TreeMap<String, String> hashes = new TreeMap<>(Map.of("sha256", sha));
    TreeMap<String, String> meta =
        wheel && r.nextBoolean() ? new TreeMap<>(Map.of("sha256", hex(r))) : null;
    return new DistFile(
        filename,
        Layout.pypiHrefToPool(new Sha256(sha), filename),
        hashes,
        requires,
        yanked,
        meta,
        (long) (2_000 + r.nextInt(2_000_000)),
        at);
  }

  // Cheap on purpose: the benchmark is about tintype's cost, not about making up digests.
  private static String hex(Random r) {
    char[] c = new char[64];
    for (int i = 0; i < 64; i += 16) {
      long v = r.nextLong();
      for (int k = 0; k < 16; k++) {
        c[i + k] = HEX[(int) (v >>> (k * 4)) & 15];
      }
    }
    return new String(c);
  }
}
