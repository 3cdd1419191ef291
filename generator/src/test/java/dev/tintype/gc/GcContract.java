package dev.tintype.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import dev.tintype.storage.LockedException;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.storage.StorageLock;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gc promises on every storage (jimfs here, S3Proxy in the e2e subclass). */
abstract class GcContract {
  static final RepoName CRAN = new RepoName("cran");
  static final RepoName OLD = new RepoName("old");
  static final SnapshotDate FIRST = SnapshotDate.parse("2026-03-01");
  static final RetentionPolicy THREE_DAYS = new RetentionPolicy(3, 0, 0, Set.of(day(2)));

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

  static SnapshotDate day(int n) {
    return new SnapshotDate(FIRST.date().plusDays(n));
  }

  static String poolKey(String content) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return Layout.poolFile(Sha256.hash(b), content + ".tar.gz");
  }

  /** Stores the pool files as a sync does, before any manifest names them. */
  void storePool(String... contents) throws IOException {
    for (String c : contents) {
      storage.put(poolKey(c), c.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Publishes a snapshot with an own index file and the given pool files (stored first). */
  void publish(RepoName repo, SnapshotDate date, String... pool) throws IOException {
    storePool(pool);
    List<FileEntry> poolEntries = new ArrayList<>();
    List<LinkEntry> links = new ArrayList<>();
    for (String c : pool) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      poolEntries.add(new FileEntry(poolKey(c), b.length, Sha256.hash(b).hex(), null));
      String place = "src/contrib/" + c + ".tar.gz";
      links.add(new LinkEntry(place, poolKey(c)));
    }
    byte[] index = ("PACKAGES of " + date + "\n").getBytes(StandardCharsets.UTF_8);
    try (SnapshotTransaction tx = storage.begin(repo, date)) {
      tx.write("src/contrib/PACKAGES", index);
      for (LinkEntry l : links) {
        tx.link(l.path(), l.pool());
      }
      tx.commit(
          ManifestJson.write(
              new Manifest(
                  Manifest.FORMAT,
                  repo.name(),
                  "cran",
                  date.toString(),
                  pool.length,
                  Map.of(),
                  List.of(
                      new FileEntry(
                          "src/contrib/PACKAGES", index.length, Sha256.hash(index).hex(), null)),
                  links,
                  poolEntries)));
    }
    storage.pointLatest(
        repo,
        Snapshots.published(storage, repo).get(Snapshots.published(storage, repo).size() - 1));
  }

  /** Twelve daily snapshots of cran, each with a shared pool file and one of its own. */
  void twelveDays() throws IOException {
    for (int i = 0; i < 12; i++) {
      publish(CRAN, day(i), "shared", "only-" + i);
    }
  }

  GarbageCollector gc(Optional<RetentionPolicy> policy, GcListener listener) {
    // Three references per run: the marks spill to several sorted runs that merge.
    return new GarbageCollector(storage, List.of(CRAN), policy, listener, 3);
  }

  GcReport gc(RetentionPolicy policy) throws IOException {
    return gc(Optional.of(policy), new GcListener() {}).run(false, Optional.empty(), false);
  }

  /** Every remaining snapshot verifies, so no file any of them references is gone. */
  void assertEverySnapshotVerifies() throws IOException {
    Verifier v = new Verifier(storage);
    for (RepoName repo : List.of(CRAN, OLD)) {
      for (SnapshotDate d : Snapshots.published(storage, repo)) {
        assertThat(v.verify(repo, d).problems()).as("%s/%s", repo, d).isEmpty();
      }
    }
  }

  Set<String> pool() throws IOException {
    return new TreeSet<>(storage.list(Layout.POOL));
  }

  @Test
  void gcDeletesTheSnapshotsThePolicyDropsThenThePoolFilesOnlyTheyReferenced() throws IOException {
    twelveDays();

    GcReport r = gc(THREE_DAYS);

    assertThat(Snapshots.published(storage, CRAN))
        .containsExactly(day(2), day(9), day(10), day(11));
    assertThat(r.snapshots()).hasSize(8).contains("cran/2026-03-01", "cran/2026-03-09");
    assertThat(r.poolFiles()).isEqualTo(8);
    assertThat(pool())
        .containsExactlyInAnyOrder(
            poolKey("shared"),
            poolKey("only-2"),
            poolKey("only-9"),
            poolKey("only-10"),
            poolKey("only-11"));
    assertThat(r.poolBytes()).isEqualTo(8 * "only-N".length());
    assertThat(r.bytesFreed()).isEqualTo(r.poolBytes() + 8 * "PACKAGES of 2026-03-01\n".length());
    assertEverySnapshotVerifies();
    assertThat(storage.list(".tintype/trash")).isEmpty();
    try (var left = Files.list(storage.scratch())) {
      assertThat(left).as("spilled marks").isEmpty();
    }
  }

  @Test
  void latestsTargetAndPinnedDatesAreNeverDeleted() throws IOException {
    twelveDays();
    storage.pointLatest(CRAN, day(5));

    gc(new RetentionPolicy(1, 0, 0, Set.of(day(0))));

    assertThat(Snapshots.published(storage, CRAN)).containsExactly(day(0), day(5), day(11));
    assertEverySnapshotVerifies();
  }

  @Test
  void withoutRetentionNoSnapshotGoesOnlyPoolFilesNoSnapshotReferences() throws IOException {
    twelveDays();
    storePool("orphan");

    GcReport r = gc(Optional.empty(), new GcListener() {}).run(false, Optional.empty(), false);

    assertThat(Snapshots.published(storage, CRAN)).hasSize(12);
    assertThat(r.snapshots()).isEmpty();
    assertThat(r.poolFiles()).isEqualTo(1);
    assertThat(storage.exists(poolKey("orphan"))).isFalse();
    assertEverySnapshotVerifies();
  }

  @Test
  void aRepositoryNotConfiguredKeepsItsSnapshotsAndTheirPoolFiles() throws IOException {
    twelveDays();
    publish(OLD, day(0), "old-only", "only-0");

    gc(THREE_DAYS);

    assertThat(Snapshots.published(storage, OLD)).containsExactly(day(0));
    assertThat(storage.exists(poolKey("old-only"))).isTrue();
    assertThat(storage.exists(poolKey("only-0"))).isTrue();
    assertThat(storage.exists(poolKey("only-1"))).isFalse();
    assertEverySnapshotVerifies();
  }

  @Test
  void repoLimitsSnapshotDeletionToThatRepository() throws IOException {
    twelveDays();

    GcReport r =
        gc(Optional.of(THREE_DAYS), new GcListener() {})
            .run(false, Optional.of(new RepoName("other")), false);

    assertThat(r.snapshots()).isEmpty();
    assertThat(Snapshots.published(storage, CRAN)).hasSize(12);
  }

  @Test
  void dryRunDeletesNothingAndItsNumbersEqualWhatTheRealGcThenDeletes() throws IOException {
    twelveDays();
    storePool("orphan");
    crashedRun(day(20));
    List<String> before = storage.list(Layout.POOL);
    List<String> snapshotsBefore = storage.list("cran");
    List<String> announced = new ArrayList<>();
    GcListener recording =
        new GcListener() {
          @Override
          public void snapshot(RepoName repo, SnapshotDate date, long bytes) {
            announced.add(repo + "/" + date);
          }

          @Override
          public void poolFile(String key, long bytes) {
            announced.add(key);
          }

          @Override
          public void abandoned(String key) {
            announced.add(key);
          }
        };

    GcReport dry = gc(Optional.of(THREE_DAYS), recording).run(true, Optional.empty(), false);

    assertThat(storage.list(Layout.POOL)).isEqualTo(before);
    assertThat(storage.list("cran")).isEqualTo(snapshotsBefore);
    assertThat(storage.abandoned(CRAN)).hasSize(1);
    assertThat(dry.dryRun()).isTrue();
    List<String> dryAnnounced = List.copyOf(announced);
    announced.clear();

    GcReport real = gc(Optional.of(THREE_DAYS), recording).run(false, Optional.empty(), false);

    assertThat(announced).isEqualTo(dryAnnounced);
    assertThat(real.snapshots()).isEqualTo(dry.snapshots()).hasSize(8);
    assertThat(real.abandoned()).isEqualTo(dry.abandoned()).hasSize(1);
    assertThat(real.poolFiles()).isEqualTo(dry.poolFiles()).isEqualTo(9);
    assertThat(real.poolBytes()).isEqualTo(dry.poolBytes());
    assertThat(real.snapshotBytes()).isEqualTo(dry.snapshotBytes()).isPositive();
    assertThat(before.size() - storage.list(Layout.POOL).size()).isEqualTo(9);
    assertThat(storage.abandoned(CRAN)).isEmpty();
  }

  /** What a sync killed while building the snapshot of {@code date} leaves. */
  void crashedRun(SnapshotDate date) throws IOException {
    SnapshotTransaction tx = storage.begin(CRAN, date);
    tx.write("src/contrib/PACKAGES", Files.writeString(tmp.resolve("P"), "half"));
    // never committed nor closed: the process died
  }

  @Test
  void theRemainsOfACrashedSyncGo() throws IOException {
    twelveDays();
    crashedRun(day(20));
    storePool("downloaded-by-the-crashed-run");

    GcReport r = gc(THREE_DAYS);

    assertThat(r.abandoned()).hasSize(1);
    assertThat(storage.abandoned(CRAN)).isEmpty();
    assertThat(storage.list(".tintype/staging")).isEmpty();
    assertThat(storage.list("cran/" + day(20))).isEmpty();
    assertThat(storage.exists(poolKey("downloaded-by-the-crashed-run"))).isFalse();
    assertEverySnapshotVerifies();
  }

  @Test
  void aGcKilledAtAnyPointLeavesEveryKeptSnapshotVerifyingAndTheNextGcFinishes()
      throws IOException {
    for (int killAt = 0;
        killAt < 17;
        killAt += 2) { // 17 deletions: 1 abandoned, 8 snapshots, 8 pool files
      storage.close();
      storage = create();
      twelveDays();
      crashedRun(day(20));
      int limit = killAt;
      int[] events = {0};
      GcListener killer =
          new GcListener() {
            void tick() {
              if (events[0]++ == limit) {
                throw new IllegalStateException("killed");
              }
            }

            @Override
            public void abandoned(String key) {
              tick();
            }

            @Override
            public void snapshot(RepoName repo, SnapshotDate date, long bytes) {
              tick();
            }

            @Override
            public void poolFile(String key, long bytes) {
              tick();
            }
          };

      assertThatThrownBy(
              () -> gc(Optional.of(THREE_DAYS), killer).run(false, Optional.empty(), false))
          .as("kill at event %d", killAt)
          .hasMessage("killed");
      assertEverySnapshotVerifies();
      assertThat(Snapshots.published(storage, CRAN)).contains(day(2), day(9), day(10), day(11));

      GcReport next = gc(THREE_DAYS);

      assertThat(Snapshots.published(storage, CRAN))
          .containsExactly(day(2), day(9), day(10), day(11));
      assertThat(pool()).hasSize(5);
      assertThat(storage.abandoned(CRAN)).isEmpty();
      assertEverySnapshotVerifies();
      assertThat(gc(THREE_DAYS).bytesFreed()).as("a third gc finds nothing").isZero();
      assertThat(next.dryRun()).isFalse();
    }
  }

  @Test
  void aSyncsStoredButUnpublishedPoolFilesAreNeverLost() throws IOException {
    twelveDays();
    try (StorageLock sync = storage.lock(CRAN, "sync", false)) {
      storePool("new-today");

      assertThatThrownBy(() -> gc(THREE_DAYS))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("sync");
      assertThat(storage.exists(poolKey("new-today"))).isTrue();
      assertThat(Snapshots.published(storage, CRAN)).hasSize(12);
      publish(CRAN, day(12), "shared", "new-today");
    }

    gc(THREE_DAYS);

    assertThat(storage.exists(poolKey("new-today"))).isTrue();
    assertEverySnapshotVerifies();
  }

  @Test
  void theFirstSyncOfARepositoryNoConfigKnowsYetAlsoStopsAGc() throws IOException {
    twelveDays();
    try (StorageLock sync = storage.lock(new RepoName("brand-new"), "sync", false)) {
      storePool("first-of-brand-new");

      assertThatThrownBy(() -> gc(THREE_DAYS))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("brand-new");
      assertThat(storage.exists(poolKey("first-of-brand-new"))).isTrue();
      assertThat(Snapshots.published(storage, CRAN)).hasSize(12);
    }
  }

  @Test
  void aSyncStartedDuringAGcIsRefusedNamingTheGc() throws IOException {
    twelveDays();
    GcListener syncTries =
        new GcListener() {
          @Override
          public void locked(List<RepoName> repos) {
            assertThat(repos).contains(CRAN);
            assertThatThrownBy(() -> storage.lock(CRAN, "sync", false))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("gc");
          }
        };

    gc(Optional.of(THREE_DAYS), syncTries).run(false, Optional.empty(), false);

    storage.lock(CRAN, "sync", false).close(); // released after the gc
  }

  /** How many days {@link #aSimulatedYearOfDailySnapshotsKeepsWhatThePolicySaysDayByDay} runs. */
  int simulatedDays() {
    return 366;
  }

  /**
   * Whether the policy {@code daily 7, weekly 4, monthly all}, pinned {@code pin}, keeps {@code d}
   * on {@code today}, every day from FIRST to today having been published: written out here from
   * the docs' words, not with {@link RetentionPolicy}.
   */
  static boolean expectedKept(java.time.LocalDate d, java.time.LocalDate today, SnapshotDate pin) {
    java.time.temporal.WeekFields iso = java.time.temporal.WeekFields.ISO;
    long age = java.time.temporal.ChronoUnit.DAYS.between(d, today);
    boolean lastOfItsWeek = d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY || d.equals(today);
    long weeksBack =
        java.time.temporal.ChronoUnit.WEEKS.between(
            d.with(iso.dayOfWeek(), 1), today.with(iso.dayOfWeek(), 1));
    boolean lastOfItsMonth = d.plusDays(1).getDayOfMonth() == 1 || d.equals(today);
    return age < 7 || (lastOfItsWeek && weeksBack < 4) || lastOfItsMonth || d.equals(pin.date());
  }

  @Test
  void aSimulatedYearOfDailySnapshotsKeepsWhatThePolicySaysDayByDay() throws IOException {
    SnapshotDate pin = day(40);
    RetentionPolicy policy = new RetentionPolicy(7, 4, RetentionPolicy.ALL, Set.of(pin));
    for (int n = 0; n < simulatedDays(); n++) {
      // A file every snapshot has, one a week's snapshots share, and one of the day's own.
      publish(CRAN, day(n), "shared", "week-" + n / 7, "day-" + n);

      GcReport r = gc(policy);

      java.time.LocalDate today = day(n).date();
      List<SnapshotDate> expected = new ArrayList<>();
      for (int k = 0; k <= n; k++) {
        if (expectedKept(day(k).date(), today, pin)) {
          expected.add(day(k));
        }
      }
      assertThat(Snapshots.published(storage, CRAN)).as("kept on %s", today).isEqualTo(expected);
      assertEverySnapshotVerifies();
      // Exactly the files the kept snapshots reference stay, and the report counts them.
      Set<String> referenced = new TreeSet<>();
      long bytes = 0;
      for (SnapshotDate d : expected) {
        for (String c :
            List.of(
                "shared",
                "week-" + (d.date().toEpochDay() - FIRST.date().toEpochDay()) / 7,
                "day-" + (d.date().toEpochDay() - FIRST.date().toEpochDay()))) {
          if (referenced.add(poolKey(c))) {
            bytes += c.length();
          }
        }
      }
      assertThat(pool()).as("pool on %s", today).isEqualTo(referenced);
      assertThat(r.poolKept()).isEqualTo(new GcReport.PoolSize(referenced.size(), bytes));
      assertThat(r.keptByRepo()).containsEntry("cran", expected.size());
    }
    // A year of 366 days keeps at most 7 days, 4 weeks, a month end each and the pin.
    assertThat(Snapshots.published(storage, CRAN).size()).isLessThan(7 + 4 + 13 + 1 + 1);
  }

  /** A finished shard result of run {@code id} for {@code date}, holding the pool files given. */
  void shardRun(String id, SnapshotDate date, String... pool) throws IOException {
    storePool(pool);
    List<FileEntry> files = new ArrayList<>();
    for (String c : pool) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      files.add(new FileEntry(poolKey(c), b.length, Sha256.hash(b).hex(), null));
    }
    dev.tintype.shard.ShardResults.write(
        storage,
        new dev.tintype.shard.ShardResult(
            dev.tintype.shard.ShardResult.FORMAT,
            id,
            0,
            1,
            date.toString(),
            true,
            List.of(new dev.tintype.shard.ShardResult.Repo("cran", Map.of(), files)),
            List.of()));
    byte[] page = ("PACKAGES read by " + id).getBytes(StandardCharsets.UTF_8);
    storage.put(Layout.runUpstream(id, Sha256.hash(page)), page);
  }

  @Test
  void shardedRunsPublishedOrOlderThanEverySnapshotKeptGoAndTheOthersKeepTheirPoolFiles()
      throws IOException {
    twelveDays();
    shardRun("published", day(11), "only-11");
    shardRun("too-old", day(1), "run-old");
    shardRun("tonight", day(12), "run-tonight");
    List<String> listed = new ArrayList<>();
    GcListener recording =
        new GcListener() {
          @Override
          public void run(String id) {
            listed.add(id);
          }
        };

    GcReport dry = gc(Optional.of(THREE_DAYS), recording).run(true, Optional.empty(), false);
    assertThat(dry.runs()).containsExactlyInAnyOrder("published", "too-old");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(dry.runs());
    assertThat(storage.list(Layout.runDir("published"))).as("a dry run deletes none").isNotEmpty();

    GcReport r = gc(THREE_DAYS);

    assertThat(r.runs()).containsExactlyInAnyOrder("published", "too-old");
    assertThat(storage.list(Layout.runDir("published"))).isEmpty();
    assertThat(storage.list(Layout.runDir("too-old"))).isEmpty();
    assertThat(storage.list(Layout.runDir("tonight")))
        .containsExactly(
            Layout.runDir("tonight") + "/shard-0.json",
            Layout.runUpstream(
                "tonight",
                Sha256.hash("PACKAGES read by tonight".getBytes(StandardCharsets.UTF_8))));
    assertThat(storage.exists(poolKey("run-tonight"))).as("held by a run to publish").isTrue();
    assertThat(storage.exists(poolKey("run-old"))).isFalse();
    assertThat(storage.exists(poolKey("only-11"))).isTrue();
  }
}
