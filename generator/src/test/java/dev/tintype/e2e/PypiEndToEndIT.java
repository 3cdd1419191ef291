package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake PyPI, real syncs, real nginx, real pip. */
@Tag("e2e")
class PypiEndToEndIT {
  private static final String PIP_ACCEPT =
      "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1,"
          + " text/html; q=0.01";
  @TempDir Path tmp;

  @Test
  void pipInstallsFromDatedLatestAndBackfilledSnapshots() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream.demo(up);
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
              + server.url()
              + "\n    projects: [Demo.Pkg, tiny_dep, Other_Thing]\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-27").requireSuccess();
      Cli.run("sync", "--config", config.toString(), "--date", "2025-06-01", "--backfill")
          .requireSuccess();
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      String dated = nginx.url() + "/pypi/2026-11-27/simple/";
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, dated, "demo-pkg").requireSuccess();
      assertThat(distInfos(t1)).contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");

      Path t2 = tmp.resolve("t2");
      Pip.install(t2, nginx.url() + "/pypi/latest/simple/", "Demo.Pkg").requireSuccess();
      assertThat(distInfos(t2)).contains("demo_pkg-2.0.dist-info");

      Path t3 = tmp.resolve("t3");
      Pip.install(t3, nginx.url() + "/pypi/2025-06-01/simple/", "demo-pkg").requireSuccess();
      assertThat(distInfos(t3)).contains("demo_pkg-1.0.dist-info");

      Path d = tmp.resolve("dl");
      Pip.download(d, dated, "tiny-dep").requireSuccess();
      try (Stream<Path> s = Files.list(d)) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .containsExactly("tiny_dep-0.2-py3-none-any.whl");
      }

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> json = get(http, dated + "demo-pkg/", PIP_ACCEPT);
      assertThat(json.headers().firstValue("Content-Type"))
          .contains("application/vnd.pypi.simple.v1+json");
      assertThat(json.body()).contains("\"upload-time\"");
      HttpResponse<String> html = get(http, dated + "demo-pkg/", "text/html");
      assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(html.body()).contains("data-upload-time=").contains("data-size=");
      assertThat(html.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept"));

      // Forced to the HTML form: pip parses our PEP 503 pages as find-links pages.
      Path t4 = tmp.resolve("t4");
      ProcessRunner.Result r =
          ProcessRunner.run(
              java.time.Duration.ofMinutes(3),
              tmp,
              java.util.Map.of(),
              java.util.List.of(
                  "python3",
                  "-m",
                  "pip",
                  "install",
                  "--no-cache-dir",
                  "--disable-pip-version-check",
                  "--no-index",
                  "--find-links",
                  dated + "demo-pkg/index.html",
                  "--find-links",
                  dated + "tiny-dep/index.html",
                  "--target",
                  t4.toString(),
                  "demo-pkg"));
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
      assertThat(distInfos(t4)).contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String accept)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static java.util.List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
