package dev.tintype.format.pypi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Simple API 1.3: each file's PEP 740 provenance URL, read and written in JSON and HTML. */
class ProvenancePagesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SHA = "a".repeat(64);
  private static final String PROV_SHA = "B".repeat(64);
  private static final String BASE = "https://pypi.example/simple/demo/";
  private static final ProjectName DEMO = new ProjectName("demo");

  @Test
  void aJsonPageGivesEachFileItsProvenanceUrlResolvedAgainstThePage() throws IOException {
    String upstream =
        "{\"meta\":{\"api-version\":\"1.3\"},\"name\":\"demo\",\"files\":["
            + file("demo-1.0.tar.gz", "\"../../integrity/demo/1.0/demo-1.0.tar.gz/provenance\"")
            + ","
            + file("demo-1.1.tar.gz", "null")
            + ","
            + file("demo-1.2.tar.gz", "\"https://p.example/x#sha256=" + PROV_SHA + "\"")
            + "]}";

    ProjectPage page = UpstreamPages.parseJson(DEMO, in(upstream), BASE);

    assertThat(page.files().get(0).provenance())
        .isEqualTo("https://pypi.example/integrity/demo/1.0/demo-1.0.tar.gz/provenance");
    assertThat(page.files().get(0).provenanceSha256()).isNull();
    assertThat(page.files().get(1).provenance()).isNull();
    assertThat(page.files().get(2).provenanceUrl()).isEqualTo("https://p.example/x");
    assertThat(page.files().get(2).provenanceSha256()).isEqualTo(PROV_SHA.toLowerCase());
  }

  @Test
  void anHtmlPageGivesEachFileItsDataProvenanceUrl() throws IOException {
    String upstream =
        "<html><body><a href=\"demo-1.0.tar.gz#sha256="
            + SHA
            + "\" data-provenance=\"prov/demo-1.0.tar.gz?x=1&amp;y=2\">demo-1.0.tar.gz</a>"
            + "<a href=\"demo-1.1.tar.gz#sha256="
            + SHA
            + "\">demo-1.1.tar.gz</a></body></html>";

    ProjectPage page = UpstreamPages.parseHtml(DEMO, in(upstream), BASE);

    assertThat(page.files().get(0).provenance())
        .isEqualTo("https://pypi.example/simple/demo/prov/demo-1.0.tar.gz?x=1&y=2");
    assertThat(page.files().get(1).provenance()).isNull();
  }

  @Test
  void aWrittenPageReadsBackWithTheSameRelativeProvenanceLinkInJsonAndHtml() throws IOException {
    String link = "../../../../pool/aa/aa/" + SHA + "/demo-1.0.tar.gz.provenance";
    ProjectPage page =
        new ProjectPage(
            DEMO,
            List.of(dist("demo-1.0.tar.gz").withProvenance(link), dist("demo-1.1.tar.gz")),
            3);

    byte[] json = bytes(out -> SimplePages.writeProjectJson(page, out));
    byte[] html = bytes(out -> SimplePages.writeProjectHtml(page, out));

    JsonNode tree = MAPPER.readTree(json);
    assertThat(tree.at("/files/0/provenance").asText()).isEqualTo(link);
    assertThat(tree.at("/files/1").has("provenance")).isFalse();
    assertThat(new String(html, StandardCharsets.UTF_8))
        .contains("data-provenance=\"" + link + "\">demo-1.0.tar.gz</a>");
    String snapshotPage = "https://mirror.example/pypi/2026-12-01/simple/demo/";
    String resolved = "https://mirror.example/pool/aa/aa/" + SHA + "/demo-1.0.tar.gz.provenance";
    for (ProjectPage back :
        List.of(
            UpstreamPages.parseJson(DEMO, new ByteArrayInputStream(json), snapshotPage),
            UpstreamPages.parseHtml(DEMO, new ByteArrayInputStream(html), snapshotPage))) {
      assertThat(back.files().get(0).provenance()).isEqualTo(resolved);
      assertThat(back.files().get(1).provenance()).isNull();
    }
  }

  @Test
  void aHostileProvenanceUrlIsEscapedInHtml() throws IOException {
    String hostile = "https://x.example/p?a=1&b=\"><script>alert(1)</script>";
    ProjectPage page =
        new ProjectPage(DEMO, List.of(dist("demo-1.0.tar.gz").withProvenance(hostile)), 3);

    String html = new String(bytes(out -> SimplePages.writeProjectHtml(page, out)), UTF_8);

    assertThat(html).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    ProjectPage back = UpstreamPages.parseHtml(DEMO, in(html), BASE);
    assertThat(back.files().get(0).provenance())
        .isEqualTo("https://x.example/p?a=1&b=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
  }

  @Test
  void aProvenanceLinkThatIsNoFileToFetchFailsThePageNamingTheFile() {
    String upstream =
        "{\"meta\":{\"api-version\":\"1.3\"},\"name\":\"demo\",\"files\":["
            + file("demo-1.0.tar.gz", "\"javascript:alert(1)\"")
            + "]}";

    assertThatThrownBy(() -> UpstreamPages.parseJson(DEMO, in(upstream), BASE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("demo-1.0.tar.gz")
        .hasMessageContaining("provenance");
  }

  @Test
  void aProvenanceUrlWithAControlCharacterIsRefused() {
    assertThatThrownBy(() -> dist("demo-1.0.tar.gz").withProvenance("https://x/\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo-1.0.tar.gz");
  }

  private static String file(String name, String provenance) {
    return "{\"filename\":\""
        + name
        + "\",\"url\":\""
        + name
        + "\",\"hashes\":{\"sha256\":\""
        + SHA
        + "\"},\"provenance\":"
        + provenance
        + "}";
  }

  private static DistFile dist(String name) {
    return new DistFile(
        name, name, new TreeMap<>(Map.of("sha256", SHA)), null, null, null, null, null);
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private interface Writing {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static byte[] bytes(Writing w) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out);
    return out.toByteArray();
  }
}
