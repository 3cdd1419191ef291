package dev.tintype.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.config.Config;
import dev.tintype.config.StorageConfig;
import dev.tintype.config.Trust;
import dev.tintype.fetch.FetchPolicy;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.pages.RootPage;
import dev.tintype.storage.LockedException;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What purge promises on every storage (a directory here, S3Proxy in the e2e subclass). */
abstract class PurgeContract {
  static final RepoName CRAN = new RepoName("cran");
  static final RepoName PYPI = new RepoName("pypi");
  static final SnapshotDate DAY1 = SnapshotDate.parse("2026-11-30");
  static final SnapshotDate DAY2 = SnapshotDate.parse("2026-12-01");

  @TempDir Path tmp;
  Storage storage;

  abstract Storage create() throws IOException;

  @BeforeEach
  void openStorage() throws IOException {
    storage = create();
  }

  @AfterEach
  void closeStorage() throws IOException {
    storage.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String poolKey(String fileName) {
    return Layout.poolFile(Sha256.hash(bytes("content of " + fileName)), fileName);
  }

  static FileEntry entry(String path, byte[] b) {
    return new FileEntry(path, b.length, Sha256.hash(b).hex(), null);
  }

  /** A CRAN snapshot: PACKAGES plus each tarball hard-linked at src/contrib/. */
  void publishCran(SnapshotDate date, String... tarballs) throws IOException {
    List<FileEntry> pool = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>();
    for (String t : tarballs) {
      byte[] b = bytes("content of " + t);
      storage.put(poolKey(t), b);
      pool.add(entry(poolKey(t), b));
      links.add(new LinkEntry(Layout.cranContribFile(t), poolKey(t)));
    }
    byte[] index = bytes("PACKAGES of " + date + " " + List.of(tarballs) + "\n");
    try (SnapshotTransaction tx = storage.begin(CRAN, date)) {
      tx.write("src/contrib/PACKAGES", index);
      for (LinkEntry l : links) {
        tx.link(l.path(), l.pool());
      }
      tx.commit(
          ManifestJson.write(
              new Manifest(
                  Manifest.FORMAT,
                  CRAN.name(),
                  "cran",
                  date.toString(),
                  tarballs.length,
                  Map.of(),
                  List.of(entry("src/contrib/PACKAGES", index)),
                  links,
                  pool)));
    }
    storage.pointLatest(CRAN, date);
  }

  /** A PyPI snapshot: one page per project linking to its files (with .metadata) in the pool. */
  void publishPypi(SnapshotDate date, Map<String, List<String>> projects) throws IOException {
    List<FileEntry> pool = new ArrayList<>();
    Map<String, byte[]> pages = new HashMap<>();
    for (Map.Entry<String, List<String>> p : projects.entrySet()) {
      StringBuilder html = new StringBuilder("<html><body>\n");
      for (String f : p.getValue()) {
        byte[] b = bytes("content of " + f);
        byte[] meta = bytes("Metadata-Version: 2.1\nName: " + p.getKey() + "\n");
        storage.put(poolKey(f), b);
        storage.put(poolKey(f) + ".metadata", meta);
        pool.add(entry(poolKey(f), b));
        pool.add(entry(poolKey(f) + ".metadata", meta));
        Sha256 sha = Sha256.hash(b);
        html.append("<a href=\"")
            .append(Layout.pypiHrefToPool(sha, f))
            .append("#sha256=")
            .append(sha.hex())
            .append("\" data-dist-info-metadata=\"sha256=x\">")
            .append(f)
            .append("</a>\n");
      }
      pages.put(Layout.pypiProjectPage(p.getKey(), false), bytes(html + "</body></html>\n"));
    }
    List<FileEntry> files = new ArrayList<>();
    try (SnapshotTransaction tx = storage.begin(PYPI, date)) {
      for (Map.Entry<String, byte[]> page : pages.entrySet()) {
        tx.write(page.getKey(), page.getValue());
        files.add(entry(page.getKey(), page.getValue()));
      }
      tx.commit(
          ManifestJson.write(
              new Manifest(
                  Manifest.FORMAT,
                  PYPI.name(),
                  "pypi",
                  date.toString(),
                  projects.size(),
                  Map.of(),
                  files,
                  List.of(),
                  pool)));
    }
    storage.pointLatest(PYPI, date);
  }

  byte[] read(String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  /** Every published file but the pool: manifests, pages, indexes, by key. */
  Map<String, byte[]> published(RepoName repo) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    for (SnapshotDate d : Snapshots.published(storage, repo)) {
      Manifest m = Snapshots.manifest(storage, repo, d);
      out.put(Layout.manifest(repo, d), read(Layout.manifest(repo, d)));
      for (FileEntry f : m.files()) {
        String key = Layout.snapshotFile(repo, d, f.path());
        out.put(key, read(key));
      }
    }
    return out;
  }

  Purger.Report purge(RepoName repo, Optional<String> project, List<String> files, boolean dry)
      throws IOException {
    return new Purger(storage, new PurgeListener() {})
        .run(new Purger.Request(repo, project, files, "malware, test"), dry, false);
  }

  void twoCranDays() throws IOException {
    publishCran(DAY1, "evil_1.0.tar.gz", "good_1.0.tar.gz");
    publishCran(
        DAY2, "evil_1.1.tar.gz", "evil_1.0.tar.gz", "good_1.0.tar.gz", "evilish_2.0.tar.gz");
  }

  @Test
  void
      purgeOfACranPackageDeletesItsTarballsFromThePoolAndEverySnapshotLeavingIndexesAndManifestsByteIdentical()
          throws IOException {
    twoCranDays();
    Map<String, byte[]> before = published(CRAN);

    Purger.Report r = purge(CRAN, Optional.of("evil"), List.of(), false);

    assertThat(r.files())
        .extracting(Purges.PurgedFile::pool)
        .containsExactlyInAnyOrder(poolKey("evil_1.0.tar.gz"), poolKey("evil_1.1.tar.gz"));
    assertThat(storage.exists(poolKey("evil_1.0.tar.gz"))).isFalse();
    assertThat(storage.exists(poolKey("evil_1.1.tar.gz"))).isFalse();
    assertThat(storage.exists(poolKey("evilish_2.0.tar.gz"))).isTrue();
    assertThat(storage.exists(poolKey("good_1.0.tar.gz"))).isTrue();
    for (SnapshotDate d : List.of(DAY1, DAY2)) {
      assertThat(storage.exists(Layout.snapshotFile(CRAN, d, "src/contrib/evil_1.0.tar.gz")))
          .as("hard link in %s", d)
          .isFalse();
      if (storage.placesLinks()) {
        assertThat(storage.exists(Layout.snapshotFile(CRAN, d, "src/contrib/good_1.0.tar.gz")))
            .isTrue();
      }
    }
    Map<String, byte[]> after = published(CRAN);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void purgeOfAPypiProjectDeletesTheFilesItsPagesLinkToAndTheirMetadataOnly() throws IOException {
    publishPypi(DAY1, Map.of("evil-pkg", List.of("evil_pkg-1.0-py3-none-any.whl")));
    publishPypi(
        DAY2,
        Map.of(
            "evil-pkg",
            List.of("evil_pkg-1.0-py3-none-any.whl", "evil_pkg-1.1.tar.gz"),
            "evil",
            List.of("evil-1.0.tar.gz")));
    Map<String, byte[]> before = published(PYPI);

    purge(PYPI, Optional.of("Evil_Pkg"), List.of(), false);

    for (String f : List.of("evil_pkg-1.0-py3-none-any.whl", "evil_pkg-1.1.tar.gz")) {
      assertThat(storage.exists(poolKey(f))).as(f).isFalse();
      assertThat(storage.exists(poolKey(f) + ".metadata")).as(f + ".metadata").isFalse();
    }
    assertThat(storage.exists(poolKey("evil-1.0.tar.gz"))).isTrue();
    assertThat(Purges.read(storage).poolKeys())
        .contains(poolKey("evil_pkg-1.1.tar.gz") + ".metadata");
    Verifier.Report day2 = new Verifier(storage).verify(PYPI, DAY2);
    assertThat(day2.problems()).isEmpty();
    assertThat(day2.purged()).hasSize(4);
    Map<String, byte[]> after = published(PYPI);
    before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void purgeOfNamedFilesDeletesOnlyThose() throws IOException {
    twoCranDays();

    purge(CRAN, Optional.empty(), List.of("evil_1.1.tar.gz"), false);

    assertThat(storage.exists(poolKey("evil_1.1.tar.gz"))).isFalse();
    assertThat(storage.exists(poolKey("evil_1.0.tar.gz"))).isTrue();
  }

  @Test
  void purgeRecordsDateRepoProjectFilesSha256AndReasonInPurgesJson() throws IOException {
    twoCranDays();

    purge(CRAN, Optional.of("evil"), List.of(), false);
    purge(CRAN, Optional.empty(), List.of("good_1.0.tar.gz"), false);

    Purges p = Purges.read(storage);
    assertThat(p.purges()).hasSize(2);
    Purges.Purge first = p.purges().get(0);
    assertThat(first.repo()).isEqualTo("cran");
    assertThat(first.project()).isEqualTo("evil");
    assertThat(first.reason()).isEqualTo("malware, test");
    assertThat(java.time.Instant.parse(first.date())).isNotNull();
    assertThat(first.files())
        .contains(
            new Purges.PurgedFile(
                poolKey("evil_1.0.tar.gz"),
                Sha256.hash(bytes("content of evil_1.0.tar.gz")).hex()));
    assertThat(p.poolKeys()).contains(poolKey("good_1.0.tar.gz"), poolKey("evil_1.1.tar.gz"));
  }

  @Test
  void theRootPageListsThePurgesWhenItIsWrittenAgain() throws IOException {
    twoCranDays();
    Config config =
        new Config(
            new StorageConfig(Optional.of(Path.of("/unused")), Optional.empty()),
            List.of(),
            2,
            FetchPolicy.defaults(),
            Trust.NONE);
    RootPage.refresh(storage, config);
    assertThat(storage.exists(RootPage.KEY)).as("none to refresh").isFalse();
    RootPage.publish(storage, config);

    purge(CRAN, Optional.of("evil"), List.of(), false);
    RootPage.refresh(storage, config);

    String html;
    try (InputStream in = storage.open(RootPage.KEY)) {
      html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(html)
        .contains("Purged files", "malware, test", "evil_1.0.tar.gz", "evil_1.1.tar.gz")
        .contains(Sha256.hash(bytes("content of evil_1.0.tar.gz")).hex());
  }

  @Test
  void verifyPassesAndReportsThePurgedFilesAsPurged() throws IOException {
    twoCranDays();

    purge(CRAN, Optional.of("evil"), List.of(), false);

    Verifier v = new Verifier(storage);
    Verifier.Report day2 = v.verify(CRAN, DAY2);
    assertThat(day2.problems()).isEmpty();
    assertThat(day2.purged())
        .containsExactlyInAnyOrder(poolKey("evil_1.0.tar.gz"), poolKey("evil_1.1.tar.gz"));
    assertThat(v.verify(CRAN, DAY1).problems()).isEmpty();
  }

  @Test
  void verifyStillCountsAMissingFileThatWasNotPurged() throws IOException {
    twoCranDays();
    purge(CRAN, Optional.of("evil"), List.of(), false);
    storage.delete(poolKey("good_1.0.tar.gz"));

    assertThat(new Verifier(storage).verify(CRAN, DAY2).problems())
        .extracting(Verifier.Problem::key)
        .contains(poolKey("good_1.0.tar.gz"));
  }

  @Test
  void aDryRunDeletesAndRecordsNothing() throws IOException {
    twoCranDays();

    Purger.Report r = purge(CRAN, Optional.of("evil"), List.of(), true);

    assertThat(r.files()).hasSize(2);
    assertThat(storage.exists(poolKey("evil_1.0.tar.gz"))).isTrue();
    assertThat(storage.exists(Layout.purges())).isFalse();
  }

  @Test
  void purgeHoldsTheRepositorysLock() throws IOException {
    twoCranDays();
    try (StorageLock held = storage.lock(CRAN, "sync", false)) {
      assertThatThrownBy(() -> purge(CRAN, Optional.of("evil"), List.of(), false))
          .isInstanceOf(LockedException.class);
    }
    assertThat(storage.exists(poolKey("evil_1.0.tar.gz"))).isTrue();
  }

  @Test
  void aPurgeThatNamesNothingAnySnapshotListsFailsAndRecordsNothing() throws IOException {
    twoCranDays();

    assertThatThrownBy(() -> purge(CRAN, Optional.of("absent"), List.of(), false))
        .hasMessageContaining("nothing to purge");
    assertThat(storage.exists(Layout.purges())).isFalse();
  }
}
