package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.config.StorageConfig;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.SyncOptions;
import dev.tintype.sync.Syncer;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly path of a PyPI mirror large enough to read upstream's project list: unchanged
 * projects are neither fetched nor rendered again.
 */
class PypiNightlyTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;
  @TempDir Path root;
  private PypiUpstream upstream;
  private FakeUpstream server;
  private FileStorage storage;
  private final List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
  private List<String> projects = List.of("Demo.Pkg", "tiny-dep", "Other_Thing");
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();
  private final OkHttpClient client = HttpClients.create(http, 2);

  @BeforeEach
  void setUp() throws IOException {
    upstream = PypiUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    storage = new FileStorage(root);
  }

  @AfterEach
  void tearDown() {
    server.close();
    downloads.shutdownNow();
    http.shutdownNow();
    client.connectionPool().evictAll();
  }

  private void sync(String date, int rootIndexMinProjects) throws IOException {
    sync(date, rootIndexMinProjects, false);
  }

  private void sync(String date, int rootIndexMinProjects, boolean backfill) throws IOException {
    RepoConfig repo = new RepoConfig(PYPI, RepoType.PYPI, URI.create(server.url()), projects);
    Config cfg =
        new Config(new StorageConfig(Optional.of(root), Optional.empty()), List.of(repo), 2);
    Fetcher fetcher =
        new Fetcher(client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));
    new Syncer(
            cfg,
            new OpenCounting(storage, opened),
            fetcher,
            downloads,
            SyncListener.NONE,
            Map.of(RepoType.PYPI, new PypiMirror(rootIndexMinProjects)))
        .sync(new SyncOptions(SnapshotDate.parse(date), false, backfill, Optional.empty()));
  }

  private Path page(String date, String project, String file) {
    return root.resolve("pypi/" + date + "/simple/" + project + "/" + file);
  }

  @Test
  void anUnchangedProjectIsNeitherFetchedNorRenderedAgain() throws Exception {
    sync("2026-11-26", 1);
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
    server.resetCounts();

    sync("2026-11-27", 1);

    assertThat(server.requestCount("/simple/")).isEqualTo(1);
    assertThat(server.requestCount("/simple/tiny-dep/")).isEqualTo(1);
    assertThat(server.requestCount("/simple/demo-pkg/")).isZero();
    assertThat(server.fileDownloads()).isEqualTo(1);
    for (String f : List.of("index.html", "index.json")) {
      assertThat(
              Files.isSameFile(
                  page("2026-11-26", "demo-pkg", f), page("2026-11-27", "demo-pkg", f)))
          .as("demo-pkg/%s is the earlier snapshot's file", f)
          .isTrue();
    }
    assertThat(Files.readString(page("2026-11-27", "tiny-dep", "index.json"))).contains("0.5");
    assertThat(Files.readString(page("2026-11-26", "tiny-dep", "index.json")))
        .doesNotContain("0.5");
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void anUnchangedProjectsOldPageIsNotEvenOpenedAndItsFilesStayInTheManifest() throws Exception {
    sync("2026-11-26", 1);
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
    opened.clear();

    sync("2026-11-27", 1);

    assertThat(opened).noneMatch(k -> k.endsWith("/simple/demo-pkg/index.json"));
    assertThat(opened).contains("pypi/2026-11-26/simple/index.json");
    assertThat(Files.readString(root.resolve("pypi/2026-11-27/simple/index.json")))
        .contains("\"_last-serial\"");
    assertThat(poolOf("2026-11-27")).isEqualTo(referencedBy("2026-11-27"));
    assertThat(poolOf("2026-11-27")).containsAll(poolOf("2026-11-26"));
    assertThat(poolOf("2026-11-27")).anyMatch(k -> k.endsWith("tiny_dep-0.5-py3-none-any.whl"));
  }

  @Test
  void aLastSnapshotWhoseProjectListHasNoSerialsIsReadPageByPage() throws Exception {
    sync("2026-11-26", 1);
    // As a snapshot made before the project list carried serials.
    Path list = root.resolve("pypi/2026-11-26/simple/index.json");
    String withSerials = Files.readString(list);
    Files.delete(list);
    Files.writeString(list, withSerials.replaceAll("\"_last-serial\":[0-9]+,", ""));
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
    server.resetCounts();
    opened.clear();

    sync("2026-11-27", 1);

    assertThat(opened).contains("pypi/2026-11-26/simple/demo-pkg/index.json");
    assertThat(server.requestCount("/simple/demo-pkg/")).isZero();
    assertThat(poolOf("2026-11-27")).isEqualTo(referencedBy("2026-11-27"));
    assertThat(Files.readString(root.resolve("pypi/2026-11-27/simple/index.json")))
        .contains("\"_last-serial\"");
  }

  @Test
  void aProjectWhosePagesTheLastManifestDoesNotListIsRenderedAgain() throws Exception {
    sync("2026-11-26", 1);
    Path manifest = root.resolve("pypi/2026-11-26/manifest.json");
    dev.tintype.format.manifest.Manifest m =
        dev.tintype.sync.Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-26"));
    dev.tintype.format.manifest.Manifest without =
        new dev.tintype.format.manifest.Manifest(
            m.format(),
            m.repo(),
            m.type(),
            m.date(),
            m.packages(),
            m.properties(),
            m.files().stream().filter(f -> !f.path().startsWith("simple/other-thing/")).toList(),
            m.links(),
            m.pool());
    Files.delete(manifest);
    Files.write(manifest, dev.tintype.format.manifest.ManifestJson.write(without));

    sync("2026-11-27", 1);

    assertThat(
            Files.isSameFile(
                page("2026-11-26", "other-thing", "index.json"),
                page("2026-11-27", "other-thing", "index.json")))
        .as("rendered again, not linked")
        .isFalse();
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
    assertThat(poolOf("2026-11-27")).isEqualTo(referencedBy("2026-11-27"));
  }

  @Test
  void aProjectDroppedFromTheConfigTakesItsFilesOutOfTheNextManifest() throws Exception {
    sync("2026-11-26", 1);
    assertThat(poolOf("2026-11-26")).anyMatch(k -> k.contains("other_thing"));
    projects = List.of("Demo.Pkg", "tiny-dep");

    sync("2026-11-27", 1);

    assertThat(root.resolve("pypi/2026-11-27/simple/other-thing")).doesNotExist();
    assertThat(poolOf("2026-11-27")).noneMatch(k -> k.contains("other_thing"));
    assertThat(poolOf("2026-11-27")).isEqualTo(referencedBy("2026-11-27"));
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void aChangedProjectThatDroppedAFileNoLongerReferencesIt() throws Exception {
    sync("2026-11-26", 1);
    String dropped =
        poolOf("2026-11-26").stream()
            .filter(k -> k.contains("tiny_dep-0.2"))
            .findFirst()
            .orElseThrow();
    upstream.remove("tiny-dep", dropped.substring(dropped.lastIndexOf('/') + 1)).write();

    sync("2026-11-27", 1);

    assertThat(poolOf("2026-11-27")).doesNotContain(dropped);
    assertThat(poolOf("2026-11-27")).isEqualTo(referencedBy("2026-11-27"));
  }

  /** The pool keys a snapshot's manifest lists. */
  private java.util.Set<String> poolOf(String date) throws IOException {
    return dev.tintype.sync.Snapshots.manifest(storage, PYPI, SnapshotDate.parse(date))
        .pool()
        .stream()
        .map(dev.tintype.format.manifest.FileEntry::path)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The pool keys the snapshot's own JSON pages point at (files and their .metadata). */
  private java.util.Set<String> referencedBy(String date) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Set<String> keys = new java.util.HashSet<>();
    Path simple = root.resolve("pypi/" + date + "/simple");
    try (var dirs = Files.list(simple)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        for (var f : json.readTree(dir.resolve("index.json").toFile()).get("files")) {
          String url = f.get("url").asText();
          String key = url.substring(url.indexOf("pool/"));
          keys.add(key);
          if (f.has("core-metadata") && !f.get("core-metadata").isBoolean()) {
            keys.add(key + ".metadata");
          } else if (f.has("core-metadata") && f.get("core-metadata").asBoolean()) {
            keys.add(key + ".metadata");
          }
        }
      }
    }
    return keys;
  }

  @Test
  void aSmallMirrorFetchesEachPageAndNotTheProjectList() throws Exception {
    sync("2026-11-26", 100);
    server.resetCounts();

    sync("2026-11-27", 100);

    assertThat(server.requestCount("/simple/")).isZero();
    assertThat(server.requestCount("/simple/demo-pkg/")).isEqualTo(1);
  }

  @Test
  void aProjectListOlderThanTheLastSnapshotMeansThePageIsFetched() throws Exception {
    sync("2026-11-26", 1);
    long seen = upstream.serial("demo-pkg");
    // The list says demo-pkg changed (a newer serial) while the others stay as they were.
    upstream.add("Demo.Pkg", PypiFile.wheel("Demo.Pkg", "3.0")).write();
    assertThat(upstream.serial("demo-pkg")).isGreaterThan(seen);
    server.resetCounts();

    sync("2026-11-27", 1);

    assertThat(server.requestCount("/simple/demo-pkg/")).isEqualTo(1);
    assertThat(Files.readString(page("2026-11-27", "demo-pkg", "index.json")))
        .contains("demo_pkg-3.0");
  }

  @Test
  void aNightlySyncAfterABackfillTakesNothingFromIt() throws Exception {
    sync("2025-06-01", 1, true);
    assertThat(Files.readString(page("2025-06-01", "demo-pkg", "index.json")))
        .doesNotContain("demo_pkg-2.0");

    sync("2026-11-27", 1);

    assertThat(Files.readString(page("2026-11-27", "demo-pkg", "index.json")))
        .contains("demo_pkg-2.0");
  }
}
