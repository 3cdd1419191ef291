package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.hostile.TransportPages;
import dev.tintype.fixtures.hostile.TransportServer;
import dev.tintype.fixtures.hostile.TransportServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile upstream at the transport level, through the real CLI: no local files, no hangs. */
class HostileTransportIT {
  @TempDir Path tmp;

  private Path config(String upstream, String extra) throws Exception {
    Path config = tmp.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + tmp.resolve("root")
            + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
            + upstream
            + "\n    projects: [evil]\n"
            + extra);
    return config;
  }

  @Test
  void aFileUrlOnAnHttpUpstreamsPageIsRefusedAndTheLocalFileIsNeverPublished() throws Exception {
    String marker = "tintype-local-secret-" + UUID.randomUUID();
    byte[] content = (marker + "\n").getBytes(StandardCharsets.UTF_8);
    Path secret = Files.write(tmp.resolve("secret.txt"), content);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    String fileUrl = secret.toUri().toString();
    try (TransportServer server = TransportServer.start(1000)) {
      server.route(
          "/simple/evil/",
          Reply.ok(
              TransportPages.JSON_TYPE,
              TransportPages.oneFile("evil", "evil-1.0.tar.gz", fileUrl, sha256, content.length)));
      ProcessRunner.Result r =
          Cli.run("sync", "--config", config(server.url(), "").toString(), "--date", "2026-12-01");

      assertThat(r.exitCode()).as(r.stderr()).isNotZero();
      assertThat(r.stderr())
          .contains(fileUrl)
          .contains("refused")
          .contains("file: URL is only followed from a file:// upstream")
          .doesNotContain("mismatch")
          .doesNotContain("\tat ");
    }
    try (Stream<Path> files = Files.walk(tmp.resolve("root"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(marker);
      }
    }
  }

  @Test
  void aDripUpstreamEndsTheSyncWithinBoundsAndReleasesTheLock() throws Exception {
    try (TransportServer server = TransportServer.start(1000)) {
      server.otherwise(Reply.drip(TransportPages.JSON_TYPE, 100_000));
      Path config = config(server.url(), "download:\n  min-rate: 1K\n  rate-window: 3s\n");
      String page = server.url() + "/simple/evil/";
      for (int run = 1; run <= 2; run++) {
        long t0 = System.nanoTime();
        ProcessRunner.Result r =
            Cli.run("sync", "--config", config.toString(), "--date", "2026-12-01");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        // 3 s window, one try: well under the 60 s read timeout or a drip's 100 000 s.
        assertThat(took).as(r.stderr()).isLessThan(Duration.ofSeconds(30));
        assertThat(r.stderr())
            .contains(page)
            .containsPattern("\\(\\d+\\.\\d bytes/s\\)")
            .contains("download.min-rate")
            .doesNotContain("\tat ")
            .doesNotContain("locked");
      }
      assertThat(server.requests()).containsOnly("/simple/evil/").hasSize(2);
    }
  }
}
