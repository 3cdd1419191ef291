package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.shard.ShardSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard SIGKILLed half-way: publish refuses the run, naming the shard; the rerun of only that
 * shard fetches only what the killed attempt had not recorded, and the publish then gives the
 * manifest of a single sync.
 */
@Tag("e2e")
class ShardKillIT {
  private static final String DATE = "2026-12-01";
  private static final int PACKAGES = 160;
  // ShardSync.BATCH: the killed shard recorded its first batch before it hung.
  private static final int BATCH = 64;

  @TempDir Path tmp;

  @Test
  void aKilledShardIsRefusedByPublishAndItsRerunCompletesTheRun() throws Exception {
    CranUpstream upstream = new CranUpstream(tmp.resolve("upstream"));
    List<String> shardZero = new ArrayList<>();
    for (int i = 0; i < PACKAGES; i++) {
      String name = String.format("pkg%03d", i);
      upstream.add(CranPackage.of(name, "1.0"));
      if (ShardSpec.shardOf(name, 2) == 0) {
        shardZero.add(name);
      }
    }
    upstream.write();
    assertThat(shardZero).hasSizeGreaterThan(BATCH + 5);
    // A tarball of shard 0's second batch never arrives until released.
    String stuck = "/src/contrib/" + shardZero.get(BATCH + 2) + "_1.0.tar.gz";
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger tarballs = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/", exchange -> serve(exchange, upstream.root(), stuck, release, tarballs));
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Path sharded = config("sharded", url);
      Path single = config("single", url);

      Process shard = start(sharded, "0/2");
      Path result = root(sharded).resolve(".tintype/runs/r1/shard-0.json");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!(Files.exists(result)
          && Files.readString(result).contains(shardZero.get(BATCH - 1)))) {
        assertThat(System.nanoTime()).as("shard 0 recorded its first batch").isLessThan(deadline);
        assertThat(shard.isAlive()).as("shard 0 is still running").isTrue();
        Thread.sleep(50);
      }
      shard.destroyForcibly(); // SIGKILL
      assertThat(shard.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(result)).contains("\"complete\" : false");

      Cli.run(
              "sync",
              "--config",
              sharded.toString(),
              "--date",
              DATE,
              "--shard",
              "1/2",
              "--run",
              "r1")
          .requireSuccess();
      ProcessRunner.Result refused = publish(sharded);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr()).contains("shard 0 has not finished (still running, or killed)");
      assertThat(root(sharded).resolve("cran/" + DATE)).doesNotExist();

      release.countDown();
      tarballs.set(0);
      Cli.run(
              "sync",
              "--config",
              sharded.toString(),
              "--date",
              DATE,
              "--shard",
              "0/2",
              "--run",
              "r1")
          .requireSuccess();
      assertThat(tarballs.get())
          .as("the rerun fetches only what the killed attempt had not recorded")
          .isEqualTo(shardZero.size() - BATCH);
      publish(sharded).requireSuccess();

      Cli.run("sync", "--config", single.toString(), "--date", DATE).requireSuccess();
      assertThat(Files.readAllBytes(root(sharded).resolve("cran/" + DATE + "/manifest.json")))
          .isEqualTo(Files.readAllBytes(root(single).resolve("cran/" + DATE + "/manifest.json")));
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  private static void serve(
      HttpExchange exchange,
      Path root,
      String stuck,
      CountDownLatch release,
      AtomicInteger tarballs)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals(stuck) && release.getCount() > 0) {
      // The killed shard's request: held until the end, never served nor counted.
      try {
        release.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    if (path.endsWith(".tar.gz")) {
      tarballs.incrementAndGet();
    }
    byte[] body = Files.readAllBytes(file);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Path config(String name, String url) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(name));
    Path config = tmp.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\n"
            + "repos: [{name: cran, type: cran, upstream: '"
            + url
            + "'}]\n");
    return config;
  }

  private static Path root(Path config) {
    return config.resolveSibling(config.getFileName().toString().replace(".yaml", ""));
  }

  private static Process start(Path config, String shard) throws IOException {
    return new ProcessBuilder(
            "java",
            "-Xmx256m",
            "-jar",
            Cli.jar().toString(),
            "sync",
            "--config",
            config.toString(),
            "--date",
            DATE,
            "--shard",
            shard,
            "--run",
            "r1")
        .redirectErrorStream(true)
        .redirectOutput(config.resolveSibling("shard.log").toFile())
        .start();
  }

  private static ProcessRunner.Result publish(Path config) throws IOException {
    return Cli.run(
        "publish", "--config", config.toString(), "--date", DATE, "--run", "r1", "--shards", "2");
  }
}
