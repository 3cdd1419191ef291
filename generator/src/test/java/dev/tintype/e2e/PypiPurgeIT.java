package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
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

/**
 * A real purge of a PyPI project through the CLI: every earlier snapshot served by {@code
 * scripts/serve} answers 404 for its wheel, so pip fails closed; verify passes and reports it; the
 * next sync does not fetch it again.
 */
@Tag("e2e")
class PypiPurgeIT {
  private static final String WHEEL = "other_thing-3.1.4-py3-none-any.whl";
  private static final String JSON = "application/vnd.pypi.simple.v1+json";
  @TempDir Path tmp;

  @Test
  void afterAPurgePipCannotInstallThePurgedProjectFromAnyEarlierSnapshot() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream.demo(up);
    Path root = tmp.resolve("root");
    HttpClient http = HttpClient.newHttpClient();
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = PypiDemo.config(tmp, root, server.url());
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-26").requireSuccess();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-27").requireSuccess();
      byte[] page =
          Files.readAllBytes(root.resolve("pypi/2026-11-26/simple/other-thing/index.json"));

      String out =
          Cli.run(
                  "purge",
                  "--config",
                  config.toString(),
                  "--repo",
                  "pypi",
                  "--project",
                  "Other_Thing",
                  "--reason",
                  "malware, test")
              .requireSuccess()
              .stdout();
      assertThat(out).contains(WHEEL).contains("purges.json");
      assertThat(Files.readAllBytes(root.resolve("pypi/2026-11-26/simple/other-thing/index.json")))
          .isEqualTo(page);
      String verify = Cli.run("verify", "--config", config.toString()).requireSuccess().stdout();
      assertThat(verify).contains("pypi/2026-11-26: ok").contains("purged");

      try (NginxServer nginx = NginxServer.start(root)) {
        for (String date : List.of("2026-11-26", "2026-11-27", "latest")) {
          URI simple = URI.create(nginx.url() + "/pypi/" + date + "/simple/");
          HttpResponse<byte[]> listing =
              http.send(
                  HttpRequest.newBuilder(simple.resolve("other-thing/"))
                      .header("Accept", JSON)
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertThat(listing.statusCode()).as(date).isEqualTo(200);
          URI wheel =
              listing
                  .uri()
                  .resolve(
                      PypiDemo.fileField(
                          new ObjectMapper().readTree(listing.body()), WHEEL, "url"));
          assertThat(status(http, wheel)).as(date + ": " + wheel).isEqualTo(404);

          ProcessRunner.Result pip =
              Pip.install(tmp.resolve("t-" + date), simple.toString(), "other-thing");
          assertThat(pip.exitCode()).as(date).isNotZero();
          assertThat(pip.stdout() + pip.stderr()).as(date).contains("404");
        }
        Path ok = tmp.resolve("ok");
        Pip.install(ok, nginx.url() + "/pypi/2026-11-26/simple/", "demo-pkg").requireSuccess();
      }

      server.resetCounts();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-28").requireSuccess();
      assertThat(server.requestCount("/files/" + WHEEL)).isZero();
      assertThat(Files.readString(root.resolve("pypi/2026-11-28/simple/other-thing/index.html")))
          .doesNotContain(WHEEL);
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
  }

  private static int status(HttpClient http, URI url) throws Exception {
    return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
