package dev.tintype.bioc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.shard.ShardCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sharded run of a Bioconductor repository, published with upstream down. */
class ShardedBiocTest {
  private static final String DATE = "2026-12-01";
  @TempDir Path dir;

  @Test
  void threeShardsAndAPublishWithUpstreamStoppedGiveTheManifestOfASingleSyncByteForByte()
      throws Exception {
    BiocUpstream upstream = BiocUpstream.demo(dir.resolve("upstream"));
    for (int i = 0; i < 8; i++) {
      upstream.add("3.17", "bioc", CranPackage.of("Bio" + (char) ('A' + i), "1." + i));
    }
    upstream.write();
    Path single = config("single", upstream.root().toUri().toString());
    ShardCli.ok("sync", "--config", single.toString(), "--date", DATE);

    Path sharded;
    try (FakeUpstream server = FakeUpstream.serve(upstream.root())) {
      sharded = config("sharded", server.url());
      ShardCli.shards(sharded, DATE, 3, "r1");
      assertThat(dir.resolve("sharded/bioc/" + DATE)).as("shards publish nothing").doesNotExist();
    }
    // Upstream changes after the shards, and is down when the publish runs.
    upstream.add("3.17", "bioc", CranPackage.of("BioZ", "9.0")).write();
    ShardCli.publish(sharded, DATE, 3, "r1");

    assertThat(Files.readAllBytes(dir.resolve("sharded/bioc/" + DATE + "/manifest.json")))
        .isEqualTo(Files.readAllBytes(dir.resolve("single/bioc/" + DATE + "/manifest.json")));
    assertThat(Files.readString(dir.resolve("sharded/bioc/" + DATE + "/config.yaml")))
        .isEqualTo(Files.readString(dir.resolve("single/bioc/" + DATE + "/config.yaml")));
  }

  private Path config(String name, String url) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: bioc, type: bioconductor, upstream: '"
            + url
            + "', versions: ['3.16', '3.17']}]\n");
    return config;
  }
}
