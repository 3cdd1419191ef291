package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.Rscript;
import dev.tintype.fixtures.S3NginxProxy;
import dev.tintype.fixtures.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRAN and PyPI synced by the real CLI into S3Proxy, then served through a plain nginx whose one
 * rule maps {@code …/} to {@code …/index.html}, to real R and pip.
 */
@Tag("e2e")
class S3EndToEndIT {
  @TempDir Path tmp;

  @Test
  void rAndPipInstallFromDatedAndLatestUrlsServedFromTheBucket() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    ExternalTools.assumeRscript();
    Path cranUp = tmp.resolve("cran-upstream");
    CranUpstream cran =
        new CranUpstream(cranUp)
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .write();
    Path pypiUp = tmp.resolve("pypi-upstream");
    PypiUpstream.demo(pypiUp);
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"));
        FakeUpstream cranServer = FakeUpstream.serve(cranUp);
        FakeUpstream pypiServer = FakeUpstream.serve(pypiUp)) {
      s3.createBucket("pkgs", false);
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          S3Cli.storageYaml(s3, "pkgs", "mirror/")
              + "repos:\n"
              + "  - {name: cran, type: cran, upstream: '"
              + cranServer.url()
              + "'}\n"
              + "  - {name: pypi, type: pypi, upstream: '"
              + pypiServer.url()
              + "', projects: [Demo.Pkg, tiny_dep, Other_Thing]}\n");
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      cran.add(CranPackage.of("pkgA", "1.1.0")).write();
      s3.resetCounts();
      S3Cli.run(s3, "sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(s3.puts()).filteredOn(k -> k.startsWith("mirror/pool/")).hasSize(1);

      assertThat(S3Cli.run(s3, "verify", "--config", config.toString()).requireSuccess().stdout())
          .contains("cran/2026-11-20: ok")
          .contains("cran/2026-11-21: ok")
          .contains("pypi/2026-11-21: ok");
      assertThat(S3Cli.run(s3, "list", "--config", config.toString()).requireSuccess().stdout())
          .containsPattern("cran +2026-11-21 .*\\(latest\\)")
          .containsPattern("pypi +2026-11-21 .*\\(latest\\)");

      try (S3NginxProxy nginx = S3NginxProxy.start(s3.publicReadEndpoint(), "/pkgs/mirror")) {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> gz =
            get(http, nginx.url() + "/cran/2026-11-20/src/contrib/PACKAGES.gz");
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(gz.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/gzip"));
        assertThat(gz.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gz.headers().firstValue("Cache-Control"))
            .contains("public, max-age=31536000, immutable");
        assertThat(
                get(http, nginx.url() + "/cran/latest/src/contrib/PACKAGES")
                    .headers()
                    .firstValue("Cache-Control"))
            .contains("public, max-age=300");
        HttpResponse<byte[]> page = get(http, nginx.url() + "/pypi/2026-11-20/simple/demo-pkg/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(get(http, nginx.url() + "/.tintype/locks/cran.lock").statusCode())
            .isEqualTo(404);
        assertThat(get(http, nginx.url() + "/cran/2026-11-20/no-such-file").statusCode())
            .isEqualTo(404);

        {
          Path t1 = tmp.resolve("t1");
          Pip.install(t1, nginx.url() + "/pypi/2026-11-20/simple/", "demo-pkg").requireSuccess();
          assertThat(distInfos(t1)).contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");
          Path t2 = tmp.resolve("t2");
          Pip.install(t2, nginx.url() + "/pypi/latest/simple/", "Demo.Pkg").requireSuccess();
          assertThat(distInfos(t2)).contains("demo_pkg-2.0.dist-info");
        }
        {
          assertThat(installedVersion(nginx.url() + "/cran/2026-11-20", "pkgB", "pkgA"))
              .isEqualTo("1.0.0");
          assertThat(installedVersion(nginx.url() + "/cran/2026-11-21", "pkgB", "pkgA"))
              .isEqualTo("1.1.0");
          assertThat(installedVersion(nginx.url() + "/cran/latest", "pkgA", "pkgA"))
              .isEqualTo("1.1.0");
        }
      }
    }
  }

  private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String installedVersion(String repos, String install, String check) throws IOException {
    Path lib = Files.createTempDirectory(tmp, "lib");
    String code =
        "options(warn = 1)\n"
            + "install.packages('"
            + install
            + "', repos = '"
            + repos
            + "', lib = '"
            + lib
            + "', type = 'source', quiet = TRUE)\n"
            + "cat('VERSION', as.character(packageVersion('"
            + check
            + "', lib.loc = '"
            + lib
            + "')), '\\n')\n";
    ProcessRunner.Result r = Rscript.eval(Duration.ofMinutes(3), lib, code).requireSuccess();
    String out = r.stdout();
    int i = out.indexOf("VERSION ");
    assertThat(i).as(out + r.stderr()).isGreaterThanOrEqualTo(0);
    return out.substring(i + 8).strip();
  }

  private static java.util.List<String> distInfos(Path target) throws IOException {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
