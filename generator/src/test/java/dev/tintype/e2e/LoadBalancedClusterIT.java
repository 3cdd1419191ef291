package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-balanced cluster shape (docs/deployment.md): two nginx replicas serving one storage root
 * through scripts/serve, behind a third nginx as the load balancer, while syncs publish new
 * snapshots. A reader on {@code latest/} must never see an error or a mix of two snapshots.
 */
@Tag("e2e")
class LoadBalancedClusterIT {
  private static final String[] DATES = {"2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"};
  private static final int MAX_READS = 20_000;
  private static final int READS_AFTER_LAST_SYNC = 50;
  private static final Duration PAUSE = Duration.ofMillis(10);

  @TempDir Path tmp;

  @Test
  void readersOfLatestBehindTheBalancerSeeOnlyWholeSnapshotsWhileThreeSyncsPublish()
      throws Exception {
    ExternalTools.assumeNginx();
    Path up = tmp.resolve("upstream");
    CranUpstream upstream =
        new CranUpstream(up)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .write();
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\n"
            + "repos: [{name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}]\n");
    sync(config, DATES[0]);

    try (NginxServer a = NginxServer.start(root);
        NginxServer b = NginxServer.start(root);
        Balancer lb = Balancer.start(tmp.resolve("lb"), a.url(), b.url())) {
      Reader reader = new Reader(lb.url() + "/cran/latest/src/contrib/");
      Thread thread = new Thread(reader, "latest reader");
      thread.start();
      try {
        for (int i = 1; i < DATES.length; i++) {
          // Each night changes upstream, so every snapshot has its own PACKAGES.
          upstream.add(CranPackage.of("pkgA", "1.0." + i)).write();
          sync(config, DATES[i]);
        }
      } finally {
        reader.finishAfter(READS_AFTER_LAST_SYNC);
        thread.join(Duration.ofMinutes(2).toMillis());
      }

      Map<String, String> snapshotOfPackages = new HashMap<>();
      for (String date : DATES) {
        snapshotOfPackages.put(packagesSha256(root, date), date);
      }
      assertThat(snapshotOfPackages).as("every snapshot has its own PACKAGES").hasSize(4);
      assertThat(reader.errors).as("errors through the balancer").isEmpty();
      assertThat(reader.reads).isGreaterThan(READS_AFTER_LAST_SYNC);
      assertThat(snapshotOfPackages.keySet())
          .as("every PACKAGES read is that of a published snapshot")
          .containsAll(reader.firstPackage.keySet());
      Set<String> dates = new HashSet<>();
      for (Map.Entry<String, String> read : reader.firstPackage.entrySet()) {
        String date = snapshotOfPackages.get(read.getKey());
        dates.add(date);
        // The snapshot the PACKAGES came from serves what it lists, through the balancer.
        assertThat(
                reader
                    .get(lb.url() + "/cran/" + date + "/src/contrib/" + read.getValue())
                    .statusCode())
            .as(date + "/src/contrib/" + read.getValue())
            .isEqualTo(200);
      }
      assertThat(dates).as("the reader saw latest move").hasSizeGreaterThanOrEqualTo(2);
      assertThat(dates).contains(DATES[DATES.length - 1]);
      assertThat(reader.replicas).as("both replicas answered").hasSize(2);
    }
    assertThat(Cli.run("verify", "--config", config.toString()).requireSuccess().stdout())
        .contains("cran/" + DATES[DATES.length - 1] + ": ok");
  }

  private static void sync(Path config, String date) throws IOException {
    Cli.run("sync", "--config", config.toString(), "--date", date).requireSuccess();
  }

  private static String packagesSha256(Path root, String date) throws IOException {
    Path manifest = root.resolve("cran/" + date + "/manifest.json");
    try (InputStream in = Files.newInputStream(manifest)) {
      return ManifestJson.read(in, manifest.toString()).files().stream()
          .filter(f -> f.path().endsWith("src/contrib/PACKAGES"))
          .map(FileEntry::sha256)
          .findFirst()
          .orElseThrow(() -> new AssertionError(manifest + " lists no src/contrib/PACKAGES"));
    }
  }

  /**
   * Reads {@code latest}'s PACKAGES, then the first package it lists, over and over: every answer
   * must be a 200 and every PACKAGES one that a manifest lists.
   */
  private static final class Reader implements Runnable {

    final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    /** The sha256 of every PACKAGES read, and the tarball of its first record. */
    final Map<String, String> firstPackage = new ConcurrentHashMap<>();

    final Set<String> replicas = ConcurrentHashMap.newKeySet();
    volatile int reads;
    private final String contrib;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile int stopAt = MAX_READS;

    Reader(String contrib) {
      this.contrib = contrib;
    }

    void finishAfter(int more) {
      if (finishing.compareAndSet(false, true)) {
        stopAt = Math.min(MAX_READS, reads + more);
      }
    }

    @Override
    public void run() {
      while (reads < stopAt && errors.size() < 10) {
        try {
          HttpResponse<byte[]> packages = get(contrib + "PACKAGES");
          if (packages.statusCode() != 200) {
            continue;
          }
          Map<String, String> first = firstRecord(packages.body());
          if (!first.keySet().containsAll(List.of("Package", "Version"))) {
            errors.add("PACKAGES record without Package and Version: " + first);
            continue;
          }
          // Fetched later from the dated snapshot: through latest, it could already be the next.
          firstPackage.putIfAbsent(
              Sha256.hash(packages.body()).hex(),
              first.get("Package") + "_" + first.get("Version") + ".tar.gz");
        } catch (IOException e) {
          errors.add(e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          reads++;
        }
        try {
          // Paced, so that the bound on reads outlasts the syncs on a slow machine.
          Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private static Map<String, String> firstRecord(byte[] packages) {
      Map<String, String> fields = new HashMap<>();
      for (String line : new String(packages, StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
          fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
      }
      return fields;
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      r.headers().firstValue("X-Replica").ifPresent(replicas::add);
      if (r.statusCode() != 200) {
        errors.add(r.statusCode() + " for " + url + " from " + r.headers().firstValue("X-Replica"));
      }
      return r;
    }
  }

  /** A third nginx, round-robin over the replicas, passing every replica error on to the client. */
  private static final class Balancer implements AutoCloseable {
    private final String nginx;
    private final Path dir;
    private final int port;

    private Balancer(String nginx, Path dir, int port) {
      this.nginx = nginx;
      this.dir = dir;
      this.port = port;
    }

    static Balancer start(Path dir, String... replicas) throws IOException {
      String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
      Files.createDirectories(dir.resolve("tmp"));
      int port;
      try (java.net.ServerSocket s =
          new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      StringBuilder servers = new StringBuilder();
      for (String r : replicas) {
        servers.append("    server ").append(URI.create(r).getAuthority()).append(";\n");
      }
      String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
      Files.writeString(
          dir.resolve("nginx.conf"),
          user
              + "daemon on;\nworker_processes 1;\npid \""
              + dir
              + "/nginx.pid\";\n"
              + "error_log \""
              + dir
              + "/error.log\" warn;\n"
              + "events { worker_connections 256; }\n"
              + "http {\n  access_log \""
              + dir
              + "/access.log\";\n"
              + tempPaths(dir)
              + "  upstream replicas {\n"
              + servers
              + "    keepalive 8;\n  }\n"
              + "  server {\n    listen 127.0.0.1:"
              + port
              + ";\n"
              + "    location / {\n      proxy_pass http://replicas;\n"
              + "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
              // No retry on the other replica: a replica's error must reach the test.
              + "      proxy_next_upstream off;\n"
              + "      add_header X-Replica $upstream_addr always;\n    }\n  }\n}\n");
      Balancer lb = new Balancer(nginx, dir, port);
      lb.nginx("-t").requireSuccess();
      lb.nginx().requireSuccess();
      return lb;
    }

    private static String tempPaths(Path dir) {
      StringBuilder s = new StringBuilder();
      for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
        s.append("  ")
            .append(kind)
            .append("_temp_path \"")
            .append(dir)
            .append("/tmp/")
            .append(kind)
            .append("\";\n");
      }
      return s.toString();
    }

    private ProcessRunner.Result nginx(String... args) throws IOException {
      List<String> cmd =
          new ArrayList<>(List.of(nginx, "-p", dir.toString(), "-c", dir + "/nginx.conf"));
      cmd.addAll(List.of(args));
      return ProcessRunner.run(Duration.ofSeconds(30), dir, Map.of(), cmd);
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
      nginx("-s", "stop");
    }
  }
}
