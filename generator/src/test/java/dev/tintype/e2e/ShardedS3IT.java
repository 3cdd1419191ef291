package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.S3ProxyServer;
import dev.tintype.storage.S3Buckets;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards plus publish on S3Proxy give the manifests a single sync publishes there, byte for byte,
 * with upstream stopped before the publish.
 */
@Tag("e2e")
class ShardedS3IT {
  private static final String DATE = "2026-12-01";

  @TempDir Path tmp;

  @Test
  void threeShardsAndAPublishWithUpstreamDownOnS3GiveTheManifestsOfASingleSync() throws Exception {
    CranUpstream cran = new CranUpstream(tmp.resolve("cran-upstream"));
    for (int i = 0; i < 10; i++) {
      cran.add(CranPackage.of("pkg" + (char) ('a' + i), "1." + i));
    }
    cran.write();
    Path pypiUp = tmp.resolve("pypi-upstream");
    PypiUpstream.demo(pypiUp);
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"));
        FakeUpstream cranServer = FakeUpstream.serve(cran.root());
        FakeUpstream pypiServer = FakeUpstream.serve(pypiUp)) {
      s3.createBucket("pkgs", false);
      String repos =
          "repos:\n"
              + "  - {name: cran, type: cran, upstream: '"
              + cranServer.url()
              + "'}\n"
              + "  - {name: pypi, type: pypi, upstream: '"
              + pypiServer.url()
              + "', projects: [Demo.Pkg, tiny_dep, Other_Thing]}\n";
      Path single = tmp.resolve("single.yaml");
      Files.writeString(single, S3Cli.storageYaml(s3, "pkgs", "single/") + repos);
      Path sharded = tmp.resolve("sharded.yaml");
      Files.writeString(sharded, S3Cli.storageYaml(s3, "pkgs", "sharded/") + repos);

      S3Cli.run(s3, "sync", "--config", single.toString(), "--date", DATE).requireSuccess();
      for (int i = 0; i < 3; i++) {
        S3Cli.run(
                s3,
                "sync",
                "--config",
                sharded.toString(),
                "--date",
                DATE,
                "--shard",
                i + "/3",
                "--run",
                "r1")
            .requireSuccess();
      }
      // The publish builds from what the shards read: upstream is down by then.
      cranServer.close();
      pypiServer.close();
      S3Cli.run(
              s3,
              "publish",
              "--config",
              sharded.toString(),
              "--date",
              DATE,
              "--run",
              "r1",
              "--shards",
              "3")
          .requireSuccess();

      try (Storage storage = S3Buckets.open(s3, "pkgs", "")) {
        for (String repo : new String[] {"cran", "pypi"}) {
          String key = repo + "/" + DATE + "/manifest.json";
          assertThat(read(storage, "sharded/" + key))
              .as(key)
              .isEqualTo(read(storage, "single/" + key));
        }
      }
    }
  }

  private static byte[] read(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }
}
