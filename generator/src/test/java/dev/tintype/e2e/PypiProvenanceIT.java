package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.PypiFile;
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

/** PEP 740 provenance objects resolve from a snapshot's JSON page served by nginx. */
@Tag("e2e")
class PypiProvenanceIT {
  private static final String WHEEL = "tiny_dep-0.6-py3-none-any.whl";
  private static final String JSON = "application/vnd.pypi.simple.v1+json";
  @TempDir Path tmp;

  @Test
  void theProvenanceLinkOfAServedJsonPageResolvesToTheUpstreamBytes() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiFile signed = PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.PLAIN);
    PypiUpstream.demo(up).add("tiny-dep", signed).write();
    byte[] upstreamBytes = Files.readAllBytes(up.resolve("files/" + WHEEL + ".provenance"));
    assertThat(upstreamBytes).isEqualTo(signed.provenanceObject());
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = PypiDemo.config(tmp, root, server.url());
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-26").requireSuccess();
      // The second snapshot carries the project forward unchanged.
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-27").requireSuccess();
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }

    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    try (NginxServer nginx = NginxServer.start(root)) {
      for (String date : List.of("2026-11-26", "2026-11-27", "latest")) {
        URI page = URI.create(nginx.url() + "/pypi/" + date + "/simple/tiny-dep/");
        HttpResponse<byte[]> json =
            http.send(
                HttpRequest.newBuilder(page).header("Accept", JSON).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.statusCode()).as(date).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).as(date).hasValue(JSON);
        String link =
            PypiDemo.fileField(new ObjectMapper().readTree(json.body()), WHEEL, "provenance");
        assertThat(link).as(date + ": " + WHEEL + " has a provenance link").isNotNull();
        assertThat(link).as(date + ": a relative link").doesNotContain("://");

        HttpResponse<byte[]> object =
            http.send(
                HttpRequest.newBuilder(json.uri().resolve(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(object.statusCode()).as(date).isEqualTo(200);
        assertThat(object.body()).as(date).isEqualTo(upstreamBytes);
      }
      // pip reads the pages with their provenance links as before.
      Path target = tmp.resolve("t");
      Pip.install(target, nginx.url() + "/pypi/latest/simple/", "tiny-dep==0.6").requireSuccess();
      assertThat(target.resolve("tiny_dep-0.6.dist-info")).isDirectory();
    }
  }
}
