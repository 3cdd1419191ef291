package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real syncs of a CRAN and a PyPI repository, real nginx, headless Chromium: the browsable pages
 * load, every link on them resolves, and a screenshot of each kind of page lands in target/.
 */
@Tag("e2e")
class BrowsablePagesIT {
  @TempDir Path tmp;

  @Test
  void rootAndSnapshotPagesLoadInChromiumAndEveryLinkResolves() throws Exception {
    ExternalTools.assumeNginx();
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "chromium not installed: apt-get install chromium");
    Path cranUp = tmp.resolve("cran-upstream");
    new CranUpstream(cranUp)
        .add(CranPackage.of("pkgA", "1.0.0"))
        .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
        .write();
    Path pypiUp = tmp.resolve("pypi-upstream");
    PypiUpstream.demo(pypiUp);
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    try (FakeUpstream pypi = FakeUpstream.serve(pypiUp)) {
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - {name: cran, type: cran, upstream: '"
              + cranUp.toUri()
              + "'}\n  - name: pypi\n    type: pypi\n    upstream: "
              + pypi.url()
              + "\n    projects: [Demo.Pkg, tiny_dep]\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
    }
    assertThat(Files.readString(root.resolve("cran/2026-11-21/manifest.json")))
        .contains("\"index.html\"");
    // The snapshot page is part of the verified snapshot.
    Cli.run("verify", "--config", config.toString()).requireSuccess();

    Path shots = Files.createDirectories(Path.of("target"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try (NginxServer nginx = NginxServer.start(root)) {
      Map<String, String> pages =
          Map.of(
              "root", nginx.url() + "/",
              "cran", nginx.url() + "/cran/2026-11-21/",
              "pypi", nginx.url() + "/pypi/2026-11-21/",
              "latest", nginx.url() + "/cran/latest/");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        Document dom = dumpDom(chromium.get(), page.getValue());
        List<String> links = dom.select("a[href]").eachAttr("abs:href");
        assertThat(links).as(page.getKey()).isNotEmpty();
        for (String link : links) {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(link)).build(),
                  HttpResponse.BodyHandlers.discarding());
          assertThat(r.statusCode()).as(page.getKey() + " links " + link).isEqualTo(200);
        }
        assertThat(dom.select("script")).isEmpty();
        switch (page.getKey()) {
          case "root" -> {
            assertThat(dom.text()).contains("cran", "pypi", "latest = 2026-11-21");
            assertThat(
                    http.send(
                            HttpRequest.newBuilder(URI.create(page.getValue())).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("Cache-Control"))
                .contains("public, max-age=60");
          }
          case "cran", "latest" ->
              assertThat(dom.text())
                  .contains(
                      "pkgA", "1.0.0", "pkgB", "options(repos = c(CRAN = \"/cran/2026-11-21\"))");
          case "pypi" ->
              assertThat(dom.text())
                  .contains("demo-pkg", "2.0", "tiny-dep", "pip install --index-url");
          default -> throw new AssertionError(page.getKey());
        }
        if (!page.getKey().equals("latest")) {
          Path png = shots.resolve("pages-" + page.getKey() + ".png").toAbsolutePath();
          Files.deleteIfExists(png);
          chrome(chromium.get(), "--screenshot=" + png, "--window-size=1200,900", page.getValue());
          assertThat(png).isNotEmptyFile();
        }
      }
    }
  }

  private Document dumpDom(Path chromium, String url) throws IOException {
    return Jsoup.parse(chrome(chromium, "--dump-dom", url), url);
  }

  private String chrome(Path chromium, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(chromium.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--user-data-dir=" + tmp.resolve("chromium-profile")));
    cmd.addAll(List.of(args));
    ProcessRunner.Result r = ProcessRunner.run(Duration.ofSeconds(90), tmp, Map.of(), cmd);
    return r.requireSuccess().stdout();
  }

  private static Optional<Path> chromium() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : List.of("chromium", "chromium-browser")) {
      try (Stream<String> dirs = Stream.of(path.split(":"))) {
        Optional<Path> found =
            dirs.map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
