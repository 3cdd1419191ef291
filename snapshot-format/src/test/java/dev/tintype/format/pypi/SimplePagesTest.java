package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplePagesTest {
  // Run with -Dtintype.golden.update=true to rewrite the golden files after a deliberate change.
  private static final boolean UPDATE = Boolean.getBoolean("tintype.golden.update");

  @Test
  void projectHtmlMatchesTheGoldenFile() throws IOException {
    assertGolden("demo-pkg.html", Samples.bytes(out -> SimplePages.writeProjectHtml(page(), out)));
  }

  @Test
  void projectJsonMatchesTheGoldenFile() throws IOException {
    assertGolden("demo-pkg.json", Samples.bytes(out -> SimplePages.writeProjectJson(page(), out)));
  }

  @Test
  void indexPagesMatchTheGoldenFiles() throws IOException {
    List<ProjectName> projects =
        List.of(
            new ProjectName("Zope.Interface"), new ProjectName("Demo_Pkg"), new ProjectName("a"));
    assertGolden("index.html", Samples.bytes(out -> SimplePages.writeIndexHtml(projects, out)));
    assertGolden("index.json", Samples.bytes(out -> SimplePages.writeIndexJson(projects, out)));
  }

  @Test
  void theJsonProjectListCarriesEachKnownSerialAsPypiDoes() throws IOException {
    List<ProjectName> projects = List.of(new ProjectName("b"), new ProjectName("A"));
    String json =
        Samples.string(
            out ->
                SimplePages.writeIndexJson(
                    projects, p -> p.normalized().equals("a") ? 42 : -1, out));
    assertThat(json).contains("{\"_last-serial\":42,\"name\":\"A\"}").contains("{\"name\":\"b\"}");
  }

  @Test
  void htmlEscapesEveryAttributeValueAndText() throws IOException {
    String html = Samples.string(out -> SimplePages.writeProjectHtml(page(), out));
    assertThat(html)
        .contains("data-requires-python=\"&lt;3,&gt;=2.7\"")
        .contains("data-yanked=\"bad &quot;&lt;&gt;&amp;&#39; build\"")
        .contains("href=\"https://files.example.org/demo_pkg-2.0.dev1.zip?a=1&amp;b=2\"")
        .doesNotContain("<3,")
        .doesNotContain("'");
  }

  @Test
  void htmlMarksOnlyYankedFilesAndKeepsEmptyReasons() throws IOException {
    List<String> links =
        Samples.string(out -> SimplePages.writeProjectHtml(page(), out))
            .lines()
            .filter(l -> l.contains("<a "))
            .toList();
    assertThat(links).hasSize(5);
    assertThat(links.get(0))
        .startsWith("    <a href=\"../../../../pool/cc/cc/")
        .contains(" data-yanked=\"\" ");
    assertThat(links.stream().filter(l -> l.contains("data-yanked"))).hasSize(2);
    assertThat(links.get(4)).doesNotContain("data-").endsWith(">demo_pkg-2.0.dev1.zip</a><br/>");
  }

  @Test
  void jsonHasTheKeysOfPep691AndPep700() throws IOException {
    JsonNode page =
        new ObjectMapper()
            .readTree(Samples.bytes(out -> SimplePages.writeProjectJson(page(), out)));
    assertThat(fieldNames(page))
        .containsExactly("meta", "name", "project-status", "versions", "files");
    assertThat(page.at("/meta/api-version").asText()).isEqualTo("1.4");
    assertThat(page.at("/meta/_last-serial").asLong()).isEqualTo(12345);
    assertThat(page.get("name").asText()).isEqualTo("demo-pkg");
    assertThat(page.get("versions"))
        .extracting(JsonNode::asText)
        .containsExactly("0.9", "1.0.0", "1.1rc1", "2.0.dev1");
    JsonNode wheel = page.at("/files/1");
    assertThat(fieldNames(wheel))
        .containsExactly(
            "filename",
            "url",
            "hashes",
            "requires-python",
            "yanked",
            "core-metadata",
            "data-dist-info-metadata",
            "size",
            "upload-time");
    assertThat(wheel.get("upload-time").asText()).isEqualTo("2025-01-10T00:00:00.000000Z");
    assertThat(wheel.at("/core-metadata/sha256").asText()).isEqualTo(Samples.SHA_M);
    assertThat(page.at("/files/2/upload-time").asText()).isEqualTo("2025-01-10T12:34:56.789012Z");
    assertThat(page.at("/files/0/yanked").isBoolean()).isTrue();
    assertThat(page.at("/files/0/yanked").asBoolean()).isTrue();
    assertThat(page.at("/files/2/yanked").asBoolean()).isFalse();
    assertThat(page.at("/files/3/yanked").asText()).isEqualTo("bad \"<>&' build");
    assertThat(page.at("/files/3/core-metadata").asBoolean()).isTrue();
    assertThat(page.at("/files/2/core-metadata").asBoolean()).isFalse();
    assertThat(fieldNames(page.at("/files/4")))
        .containsExactly(
            "filename", "url", "hashes", "yanked", "core-metadata", "data-dist-info-metadata");
  }

  @Test
  void jsonLeavesOutAnUnknownSerial() throws IOException {
    ProjectPage page = new ProjectPage(new ProjectName("demo"), List.of(), -1);
    assertThat(Samples.string(out -> SimplePages.writeProjectJson(page, out)))
        .isEqualTo(
            "{\"meta\":{\"api-version\":\"1.4\"},\"name\":\"demo\","
                + "\"project-status\":{\"status\":\"active\"},\"versions\":[],\"files\":[]}\n");
  }

  @Test
  void sameInputInAnyOrderGivesTheSameBytes() throws IOException {
    byte[] html = Samples.bytes(out -> SimplePages.writeProjectHtml(page(), out));
    byte[] json = Samples.bytes(out -> SimplePages.writeProjectJson(page(), out));
    for (int seed = 0; seed < 5; seed++) {
      List<DistFile> files = new ArrayList<>(Samples.files());
      Collections.shuffle(files, new Random(seed));
      ProjectPage shuffled = new ProjectPage(new ProjectName("Demo.Pkg"), files, 12345);
      assertThat(Samples.bytes(out -> SimplePages.writeProjectHtml(shuffled, out))).isEqualTo(html);
      assertThat(Samples.bytes(out -> SimplePages.writeProjectJson(shuffled, out))).isEqualTo(json);
    }
    List<ProjectName> projects = new ArrayList<>();
    for (String n : List.of("b", "A", "c.d", "C_e", "aa")) {
      projects.add(new ProjectName(n));
    }
    byte[] index = Samples.bytes(out -> SimplePages.writeIndexHtml(projects, out));
    Collections.reverse(projects);
    assertThat(Samples.bytes(out -> SimplePages.writeIndexHtml(projects, out))).isEqualTo(index);
  }

  @Test
  void writesUtf8WithLfOnly() throws IOException {
    String html = Samples.string(out -> SimplePages.writeProjectHtml(page(), out));
    String json = Samples.string(out -> SimplePages.writeProjectJson(page(), out));
    assertThat(html).doesNotContain("\r").endsWith("</html>\n");
    assertThat(json).doesNotContain("\r").endsWith("}\n");
    DistFile unicode =
        new DistFile(
            "caf\u00e9-1.0.tar.gz", "u", null, null, "r\u00e9ason \u2603", null, null, null);
    ProjectPage page = new ProjectPage(new ProjectName("cafe"), List.of(unicode), -1);
    assertThat(Samples.string(out -> SimplePages.writeProjectHtml(page, out)))
        .contains(">caf\u00e9-1.0.tar.gz</a>")
        .contains("data-yanked=\"r\u00e9ason \u2603\"");
    assertThat(Samples.string(out -> SimplePages.writeProjectJson(page, out)))
        .contains("\"yanked\":\"r\u00e9ason \u2603\"");
  }

  @Test
  void indexRefusesTwoNamesForOneProject() {
    List<ProjectName> projects = List.of(new ProjectName("Demo.Pkg"), new ProjectName("demo_pkg"));
    assertThatThrownBy(() -> Samples.bytes(out -> SimplePages.writeIndexHtml(projects, out)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Demo.Pkg")
        .hasMessageContaining("demo_pkg");
  }

  @Test
  void pageRefusesAFileListedTwice() {
    DistFile f = Samples.files().get(0);
    assertThatThrownBy(
            () -> new ProjectPage(new ProjectName("demo"), List.of(f, f.withUrl("x")), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f.filename());
  }

  private static ProjectPage page() {
    return Samples.page();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertGolden(String name, byte[] actual) throws IOException {
    if (UPDATE) {
      Path path = Path.of("src/test/resources/pypi", name);
      Files.createDirectories(path.getParent());
      Files.write(path, actual);
    }
    try (InputStream in = SimplePagesTest.class.getResourceAsStream("/pypi/" + name)) {
      assertThat(in).as("golden file /pypi/" + name).isNotNull();
      assertThat(new String(actual, StandardCharsets.UTF_8))
          .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
