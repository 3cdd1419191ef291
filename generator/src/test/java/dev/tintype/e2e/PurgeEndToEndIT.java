package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real syncs, a real purge through the CLI, real nginx answering 404 for the purged file. */
@Tag("e2e")
class PurgeEndToEndIT {
  @TempDir Path tmp;

  @Test
  void afterAPurgeEveryEarlierSnapshotAnswers404ForThePurgedTarballAndVerifyPasses()
      throws Exception {
    ExternalTools.assumeNginx();
    Path up = tmp.resolve("upstream");
    new CranUpstream(up)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("evil", "0.1"))
        .write();
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage:\n  filesystem: "
              + root
              + "\nrepos:\n  - name: cran\n    type: cran\n    upstream: "
              + server.url()
              + "\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
    }
    byte[] index = Files.readAllBytes(root.resolve("cran/2026-11-20/src/contrib/PACKAGES"));
    byte[] manifest = Files.readAllBytes(root.resolve("cran/2026-11-21/manifest.json"));

    String out =
        Cli.run(
                "purge",
                "--config",
                config.toString(),
                "--repo",
                "cran",
                "--project",
                "evil",
                "--reason",
                "malware, test")
            .requireSuccess()
            .stdout();
    assertThat(out).contains("evil_0.1.tar.gz").contains("purges.json");

    assertThat(Files.readAllBytes(root.resolve("cran/2026-11-20/src/contrib/PACKAGES")))
        .isEqualTo(index);
    assertThat(Files.readAllBytes(root.resolve("cran/2026-11-21/manifest.json")))
        .isEqualTo(manifest);
    assertThat(Files.readString(root.resolve(".tintype/purges.json")))
        .contains("\"reason\" : \"malware, test\"")
        .contains("evil_0.1.tar.gz");
    String verify = Cli.run("verify", "--config", config.toString()).requireSuccess().stdout();
    assertThat(verify).contains("cran/2026-11-20: ok").contains("purged");

    HttpClient http = HttpClient.newHttpClient();
    try (NginxServer nginx = NginxServer.start(root)) {
      for (String date : List.of("2026-11-20", "2026-11-21", "latest")) {
        String base = nginx.url() + "/cran/" + date + "/src/contrib/";
        assertThat(status(http, base + "evil_0.1.tar.gz")).as(date).isEqualTo(404);
        assertThat(status(http, base + "pkgA_1.0.0.tar.gz")).as(date).isEqualTo(200);
        assertThat(status(http, base + "PACKAGES")).as(date).isEqualTo(200);
      }
    }
  }

  private static int status(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
