package dev.tintype.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardedPublishTest {
  private static final SnapshotDate DATE = SnapshotDate.parse("2026-12-01");
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private FileStorage storage;

  @BeforeEach
  void open() throws IOException {
    storage = new FileStorage(fs.getPath("/srv/tintype"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private void finished(int shard, int shards, String digest, List<ShardResult.Failure> failures)
      throws IOException {
    ShardResults.write(
        storage,
        new ShardResult(
            ShardResult.FORMAT,
            "r1",
            shard,
            shards,
            DATE.toString(),
            true,
            List.of(new ShardResult.Repo("cran", Map.of("src/contrib", digest), List.of())),
            failures));
  }

  @Test
  void withWaitItPollsUntilTheLastShardHasFinished() throws IOException {
    finished(0, 2, "abc", List.of());
    List<Duration> slept = new ArrayList<>();
    ShardedPublish publish =
        new ShardedPublish(
            storage,
            d -> {
              slept.add(d);
              try {
                finished(1, 2, "abc", List.of());
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    assertThat(publish.collect("r1", 2, DATE, Duration.ofMinutes(5))).isNotNull();
    assertThat(slept).containsExactly(ShardedPublish.POLL);
  }

  @Test
  void withoutWaitItRefusesAtOnceNamingEveryShardThatIsNotDone() throws IOException {
    finished(0, 3, "abc", List.of(new ShardResult.Failure("cran", "pkgc: MD5 mismatch")));
    ShardedPublish publish =
        new ShardedPublish(
            storage,
            d -> {
              throw new AssertionError("must not wait");
            });
    assertThatThrownBy(() -> publish.collect("r1", 3, DATE, Duration.ZERO))
        .isInstanceOf(ShardedPublish.NotReadyException.class)
        .hasMessageContaining("shard 0 failed (cran: pkgc: MD5 mismatch)")
        .hasMessageContaining("shard 1 has no result")
        .hasMessageContaining("shard 2 has no result");
  }

  @Test
  void aShardOfAnotherShardCountOrDateIsRefused() throws IOException {
    finished(0, 4, "abc", List.of());
    assertThatThrownBy(() -> new ShardedPublish(storage).collect("r1", 2, DATE, Duration.ZERO))
        .hasMessageContaining("shard 0 is shard 0/4 for 2026-12-01, not of 2 shards");
  }

  private void readPage(int shard, String sha256, String date) throws IOException {
    ShardResult.Page page =
        new ShardResult.Page(sha256, "http://up/src/contrib/PACKAGES.gz", Map.of("date", date));
    ShardResults.write(
        storage,
        new ShardResult(
            ShardResult.FORMAT,
            "r1",
            shard,
            2,
            DATE.toString(),
            true,
            List.of(
                new ShardResult.Repo(
                    "cran",
                    Map.of("src/contrib", "abc"),
                    List.of(),
                    Map.of("http://up/src/contrib/PACKAGES.gz", page),
                    Map.of())),
            List.of()));
  }

  @Test
  void shardsThatReadTheSameBytesAtAUrlAgreeWhateverTheirHeadersAndOthersAreRefused()
      throws IOException {
    String one = "1".repeat(64);
    readPage(0, one, "Tue, 01 Dec 2026 00:30:00 GMT");
    readPage(1, one, "Tue, 01 Dec 2026 00:30:07 GMT");
    assertThat(new ShardedPublish(storage).collect("r1", 2, DATE, Duration.ZERO)).isNotNull();

    readPage(1, "2".repeat(64), "Tue, 01 Dec 2026 00:30:07 GMT");
    assertThatThrownBy(() -> new ShardedPublish(storage).collect("r1", 2, DATE, Duration.ZERO))
        .isInstanceOf(ShardedPublish.NotReadyException.class)
        .hasMessageContaining(
            "run r1: shards 0 and 1 read different pages at http://up/src/contrib/PACKAGES.gz");
  }
}
