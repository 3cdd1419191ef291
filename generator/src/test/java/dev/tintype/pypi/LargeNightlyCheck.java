package dev.tintype.pypi;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * A PyPI nightly sync, run in a JVM of its own: {@code main(root, upstream, date, projects...)}
 * syncs the projects into the filesystem root and prints how many pool files the new snapshot
 * references. Unchanged projects are carried unread (upstream's project list is read for any number
 * of projects), so every pool file of the last snapshot is carried into the new one.
 */
final class LargeNightlyCheck {
  static final RepoName PYPI = new RepoName("pypi");

  private LargeNightlyCheck() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String date = args[2];
    sync(root, args[1], Arrays.asList(args).subList(3, args.length), date);
    System.out.println(poolFiles(root, date) + " pool files");
    System.exit(0);
  }

  static void sync(Path root, String upstream, List<String> projects, String date)
      throws IOException {
    RepoConfig repo = new RepoConfig(PYPI, RepoType.PYPI, URI.create(upstream), projects);
    Config cfg =
        new Config(new StorageConfig(Optional.of(root), Optional.empty()), List.of(repo), 2);
    ExecutorService downloads = Executors.newFixedThreadPool(2);
    ExecutorService http = Executors.newCachedThreadPool();
    OkHttpClient client = HttpClients.create(http, 2);
    try {
      Fetcher fetcher =
          new Fetcher(client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));
      new Syncer(
              cfg,
              new FileStorage(root),
              fetcher,
              downloads,
              SyncListener.NONE,
              Map.of(RepoType.PYPI, new PypiMirror(1)))
          .sync(new SyncOptions(SnapshotDate.parse(date), false, false, Optional.empty()));
    } finally {
      downloads.shutdownNow();
      http.shutdownNow();
      client.connectionPool().evictAll();
    }
  }

  static long poolFiles(Path root, String date) throws IOException {
    Path manifest = root.resolve(Layout.manifest(PYPI, SnapshotDate.parse(date)));
    long n = 0;
    try (ManifestFiles pool = ManifestFiles.openPool(Files.newInputStream(manifest), "m")) {
      for (FileEntry f = pool.next(); f != null; f = pool.next()) {
        n++;
      }
    }
    return n;
  }
}
