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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simple API 1.4 pages served by nginx to real pip: status markers, quarantine in both formats. */
@Tag("e2e")
class PypiStatusIT {
  @TempDir Path tmp;

  @Test
  void pipInstallsFrom14PagesAndCannotInstallAQuarantinedProject() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream upstream = PypiUpstream.demo(up);
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = PypiDemo.config(tmp, root, server.url());
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-26").requireSuccess();
      upstream
          .status("Demo.Pkg", "deprecated", "use \"other\" <instead>")
          .status("Other_Thing", "quarantined", "malware")
          .write();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-27").requireSuccess();
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      String dated = nginx.url() + "/pypi/2026-11-27/simple/";
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, dated, "demo-pkg").requireSuccess();
      assertThat(distInfos(t1)).contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");

      ProcessRunner.Result refused = Pip.install(tmp.resolve("t2"), dated, "other-thing");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stdout() + refused.stderr())
          .contains("No matching distribution found for other-thing");

      // Its pages say so, in both formats.
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      URI page = URI.create(dated + "other-thing/");
      String json = get(http, page, "application/vnd.pypi.simple.v1+json");
      assertThat(new ObjectMapper().readTree(json).at("/project-status/status").asText())
          .isEqualTo("quarantined");
      assertThat(new ObjectMapper().readTree(json).get("files")).isEmpty();
      assertThat(get(http, page, "text/html"))
          .contains("<meta name=\"pypi:project-status\" content=\"quarantined\">")
          .contains("<meta name=\"pypi:project-status-reason\" content=\"malware\">")
          .doesNotContain("<a ");

      // The snapshot from before the quarantine still serves the project.
      Path t3 = tmp.resolve("t3");
      Pip.install(t3, nginx.url() + "/pypi/2026-11-26/simple/", "other-thing").requireSuccess();
      assertThat(distInfos(t3)).anyMatch(n -> n.startsWith("other_thing-3.1.4"));
    }
  }

  private static String get(java.net.http.HttpClient http, URI url, String accept)
      throws Exception {
    java.net.http.HttpResponse<String> r =
        http.send(
            java.net.http.HttpRequest.newBuilder(url).header("Accept", accept).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " as " + accept).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(accept);
    return r.body();
  }

  private static java.util.List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
