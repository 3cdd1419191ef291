package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranBinaryTree;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.shard.ShardCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded runs of CRAN repositories with their Archive or binaries, published with upstream down.
 */
class ShardedCranTest {
  private static final String DATE = "2026-12-01";
  @TempDir Path dir;

  @Test
  void shardsFetchTheArchiveAndThePublishWithUpstreamStoppedMatchesASingleSync() throws Exception {
    CranUpstream upstream =
        new CranUpstream(dir.resolve("upstream"))
            .on("2024-01-10")
            .add(CranPackage.of("pkgA", "0.1.0"))
            .add(CranPackage.of("pkgB", "1.0"))
            .add(CranPackage.of("pkgC", "1.0"))
            .on("2024-02-10")
            .add(CranPackage.of("pkgA", "0.2.0"), true)
            .add(CranPackage.of("pkgC", "1.1"), true)
            .on("2024-02-20")
            .archive("pkgB");
    upstream.write();
    JavaCranMeta.write(upstream.root());
    Path single = config("single", upstream.root().toUri().toString());
    ShardCli.ok("sync", "--config", single.toString(), "--date", DATE);

    Path sharded;
    try (FakeUpstream server = FakeUpstream.serve(upstream.root())) {
      sharded = config("sharded", server.url());
      ShardCli.shards(sharded, DATE, 2, "r1");
      assertThat(server.requestCount("/src/contrib/Archive/pkgB/pkgB_1.0.tar.gz")).isOne();
    }
    ShardCli.publish(sharded, DATE, 2, "r1");

    assertThat(root(sharded).resolve("cran/" + DATE + "/src/contrib/Archive/pkgB/pkgB_1.0.tar.gz"))
        .exists();
    assertThat(Files.readAllBytes(root(sharded).resolve("cran/" + DATE + "/manifest.json")))
        .isEqualTo(Files.readAllBytes(root(single).resolve("cran/" + DATE + "/manifest.json")));
  }

  @Test
  void shardsFetchTheBinariesAndThePublishWithUpstreamStoppedMatchesASingleSync() throws Exception {
    Path up = dir.resolve("upstream");
    CranPackage a = CranPackage.of("pkgA", "1.0.0");
    CranPackage b = CranPackage.of("pkgB", "0.2-1");
    CranPackage c = CranPackage.of("pkgC", "3.0");
    new CranUpstream(up).add(a).add(b).add(c).write();
    CranBinaryTree.Dir win = CranBinaryTree.Dir.windows("4.4");
    String built = "2024-06-14 12:00:00 UTC";
    new CranBinaryTree(up)
        .add(win, a, built)
        .add(win, b, built)
        .add(win, c, built)
        // Without MD5sum, the publish knows a binary a shard stored by its file name.
        .withoutMd5(win, "pkgB")
        .withoutMd5(win, "pkgC")
        .write();
    String binaries = ", binaries: {windows: ['4.4']}";
    Path single = config("single", up.toUri().toString(), binaries);
    ShardCli.ok("sync", "--config", single.toString(), "--date", DATE);

    Path sharded;
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      sharded = config("sharded", server.url(), binaries);
      ShardCli.shards(sharded, DATE, 2, "r1");
    }
    ShardCli.publish(sharded, DATE, 2, "r1");

    assertThat(Files.readAllBytes(root(sharded).resolve("cran/" + DATE + "/manifest.json")))
        .isEqualTo(Files.readAllBytes(root(single).resolve("cran/" + DATE + "/manifest.json")));
  }

  private Path config(String name, String url) throws Exception {
    return config(name, url, ", archive: true");
  }

  private Path config(String name, String url, String more) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + url
            + "'"
            + more
            + "}]\n");
    return config;
  }

  private Path root(Path config) {
    return dir.resolve(config.getFileName().toString().replace(".yaml", ""));
  }
}
