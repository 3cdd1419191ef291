package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Simple API 1.4: project status (PEP 792), tracks and alternate locations (PEP 708). */
class ProjectStatusPagesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SHA = "a".repeat(64);
  private static final String BASE = "https://pypi.example/simple/demo/";

  @Test
  void theJsonPageOfPypiSimpleCarriesStatusTracksAndAlternateLocations() throws IOException {
    Path path = Fixtures.pypi().resolve("pypi-simple/argset-708.json");
    ProjectPage page;
    try (InputStream in = Files.newInputStream(path)) {
      page = UpstreamPages.parseJson(new ProjectName("argset"), in, BASE);
    }
    assertThat(page.status())
        .isEqualTo(
            new ProjectStatus(
                "deprecated",
                "Dev is tired of project",
                List.of(
                    "https://tracks.package/pypi/argset/",
                    "https://test.tracks.package/pypi/argset"),
                List.of(
                    "https://alt.package/pypi/argset/", "https://test.alt.package/pypi/argset")));
    assertThat(page.files()).isNotEmpty();
  }

  @Test
  void theHtmlPageOfPypiSimpleCarriesStatusTracksAndAlternateLocations() throws IOException {
    Path path = Fixtures.pypi().resolve("pypi-simple/qypi-708.html");
    ProjectPage page;
    try (InputStream in = Files.newInputStream(path)) {
      page = UpstreamPages.parseHtml(new ProjectName("qypi"), in, BASE);
    }
    assertThat(page.status())
        .isEqualTo(
            new ProjectStatus(
                "deprecated",
                "Dev is tired of project",
                List.of(
                    "https://tracks.package/pypi/qypi/", "https://test.tracks.package/pypi/qypi/"),
                List.of("https://alt.package/pypi/qypi/", "https://test.alt.package/pypi/qypi/")));
  }

  @Test
  void aWrittenPageReadsBackWithItsStatusInJsonAndHtml() throws IOException {
    ProjectStatus status =
        new ProjectStatus(
            "archived",
            "moved \"elsewhere\" <script>&amp;",
            List.of("https://other.example/simple/demo/"),
            List.of("https://alt.example/simple/demo/?a=1&b=\"2\""));
    ProjectPage page = new ProjectPage(new ProjectName("demo"), List.of(file()), 7, status);

    byte[] json = bytes(out -> SimplePages.writeProjectJson(page, out));
    byte[] html = bytes(out -> SimplePages.writeProjectHtml(page, out));

    JsonNode tree = MAPPER.readTree(json);
    assertThat(tree.at("/meta/api-version").asText()).isEqualTo("1.4");
    assertThat(tree.at("/project-status/status").asText()).isEqualTo("archived");
    assertThat(new String(html, StandardCharsets.UTF_8))
        .contains("<meta name=\"pypi:repository-version\" content=\"1.4\">")
        .contains("content=\"moved &quot;elsewhere&quot; &lt;script&gt;&amp;amp;\"")
        .doesNotContain("<script>");
    ProjectPage fromJson =
        UpstreamPages.parseJson(page.name(), new ByteArrayInputStream(json), BASE);
    ProjectPage fromHtml =
        UpstreamPages.parseHtml(page.name(), new ByteArrayInputStream(html), BASE);
    assertThat(fromJson.status()).isEqualTo(status);
    assertThat(fromHtml.status()).isEqualTo(status);
    assertThat(fromHtml.files()).hasSize(1);
  }

  @Test
  void aQuarantinedProjectIsPublishedWithItsStatusAndNoFilesInJsonAndHtml() throws IOException {
    // An upstream that marks the project quarantined but still lists a file: the file must go.
    String upstream =
        "{\"meta\":{\"api-version\":\"1.4\",\"_last-serial\":9},\"name\":\"demo\","
            + "\"project-status\":{\"status\":\"quarantined\",\"reason\":\"malware\"},"
            + "\"files\":[{\"filename\":\"demo-1.0.tar.gz\",\"url\":\"demo-1.0.tar.gz\","
            + "\"hashes\":{\"sha256\":\""
            + SHA
            + "\"}}]}";
    ProjectPage page =
        UpstreamPages.parseJson(
            new ProjectName("demo"),
            new ByteArrayInputStream(upstream.getBytes(StandardCharsets.UTF_8)),
            BASE);
    assertThat(page.status().quarantined()).isTrue();
    assertThat(page.files()).isEmpty();

    JsonNode json = MAPPER.readTree(bytes(out -> SimplePages.writeProjectJson(page, out)));
    assertThat(json.at("/project-status/status").asText()).isEqualTo("quarantined");
    assertThat(json.at("/project-status/reason").asText()).isEqualTo("malware");
    assertThat(json.get("files")).isEmpty();
    String html = new String(bytes(out -> SimplePages.writeProjectHtml(page, out)), UTF8);
    assertThat(html)
        .contains("<meta name=\"pypi:project-status\" content=\"quarantined\">")
        .contains("<meta name=\"pypi:project-status-reason\" content=\"malware\">")
        .doesNotContain("<a ");
  }

  @Test
  void anHtmlPageMarkedQuarantinedYieldsNoFiles() throws IOException {
    String upstream =
        "<html><head><meta name=\"pypi:repository-version\" content=\"1.4\">"
            + "<meta name=\"pypi:project-status\" content=\"quarantined\"></head><body>"
            + "<a href=\"demo-1.0.tar.gz#sha256="
            + SHA
            + "\">demo-1.0.tar.gz</a></body></html>";
    ProjectPage page =
        UpstreamPages.parseHtml(
            new ProjectName("demo"), new ByteArrayInputStream(upstream.getBytes(UTF8)), BASE);
    assertThat(page.status().status()).isEqualTo("quarantined");
    assertThat(page.files()).isEmpty();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private interface Writing {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static byte[] bytes(Writing w) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    w.write(out);
    return out.toByteArray();
  }

  private static DistFile file() {
    Map<String, String> hashes = new TreeMap<>(Map.of("sha256", SHA));
    return new DistFile(
        "demo-1.0.tar.gz",
        BASE + "demo-1.0.tar.gz",
        new TreeMap<>(hashes),
        null,
        null,
        null,
        null,
        null);
  }
}
