package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.shard.ShardCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sharded run of a CRAN repository with its Archive, published with upstream down. */
class ShardedArchiveTest {
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

  private Path config(String name, String url) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + url
            + "', archive: true}]\n");
    return config;
  }

  private Path root(Path config) {
    return dir.resolve(config.getFileName().toString().replace(".yaml", ""));
  }
}
