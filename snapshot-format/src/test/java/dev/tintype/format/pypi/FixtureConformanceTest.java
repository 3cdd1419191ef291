package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parsers and writers against real pages from pip, pypi-simple and poetry. */
class FixtureConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // Root /simple/ indexes, not project pages.
  private static final Set<String> ROOT_INDEXES =
      Set.of(
          "simple01.html",
          "simple_base.html",
          "simple_devpi.html",
          "simple_repo_version.html",
          "session01/simple.html",
          "packages3/index.html");

  @Test
  void everyPoetryJsonPageParsesWithItsFilesAndSha256s() throws IOException {
    List<Path> pages = files(Fixtures.pypi().resolve("poetry/pypi.org/json"), ".json");
    assertThat(pages).hasSizeGreaterThan(30);
    for (Path path : pages) {
      JsonNode raw = MAPPER.readTree(path.toFile());
      ProjectPage page = parseJson(path, raw.get("name").asText(), null);
      assertThat(page.files()).as(path.toString()).hasSize(raw.get("files").size());
      assertThat(page.lastSerial()).as(path.toString()).isGreaterThanOrEqualTo(0);
      for (DistFile f : page.files()) {
        assertThat(f.hashes().get("sha256")).as(f.filename()).matches("[0-9a-f]{64}");
        assertThat(f.url()).startsWith("https://files.pythonhosted.org/packages/");
      }
    }
  }

  @Test
  void computedVersionsAgreeWithPypisWherePypiListsThem() throws IOException {
    for (Path path : files(Fixtures.pypi().resolve("poetry/pypi.org/json"), ".json")) {
      JsonNode raw = MAPPER.readTree(path.toFile());
      if (!raw.has("versions")) {
        continue;
      }
      ProjectPage page = parseJson(path, raw.get("name").asText(), null);
      List<String> upstream = canonical(textValues(raw.get("versions")));
      // PyPI lists versions as uploaded ("0.3.0dev1", "3.13.0"); compare them as PEP 440 values.
      assertThat(canonical(page.versions()))
          .as(path.toString())
          .containsExactlyInAnyOrderElementsOf(upstream);
    }
  }

  @Test
  void poetryPagesSurviveBothWritersUnchanged() throws IOException {
    for (Path path : files(Fixtures.pypi().resolve("poetry/pypi.org/json"), ".json")) {
      ProjectPage page = parseJson(path, MAPPER.readTree(path.toFile()).get("name").asText(), null);
      byte[] json = Samples.bytes(out -> SimplePages.writeProjectJson(page, out));
      assertThat(UpstreamPages.parseJson(page.name(), new ByteArrayInputStream(json), null))
          .as(path.toString())
          .isEqualTo(page);
      byte[] html = Samples.bytes(out -> SimplePages.writeProjectHtml(page, out));
      assertThat(UpstreamPages.parseHtml(page.name(), new ByteArrayInputStream(html), null))
          .as(path.toString())
          .isEqualTo(new ProjectPage(page.name(), UpstreamPagesTest.sha256Only(page.files()), -1));
    }
  }

  @Test
  void yankedJsonReadsBothYankedForms() throws IOException {
    ProjectPage page =
        parseJson(Fixtures.pypi().resolve("pypi-simple/yanked.json"), "yanked", null);
    assertThat(page.files())
        .extracting(DistFile::filename, DistFile::yanked, DistFile::requiresPython)
        .containsExactly(
            tuple("yanked-0.0.0-py3-none-any.whl", "", null),
            tuple("yanked-0.0.0.tar.gz", "not good", null));
    assertThat(page.lastSerial()).isEqualTo(-1);
    String json = Samples.string(out -> SimplePages.writeProjectJson(page, out));
    assertThat(json).contains("\"yanked\":true").contains("\"yanked\":\"not good\"");
  }

  @Test
  void pep700FieldsAreReadAndWrittenBackInTheSameForm() throws IOException {
    Path path = Fixtures.pypi().resolve("pypi-simple/argset-700.json");
    ProjectPage page = parseJson(path, "argset", null);
    assertThat(page.lastSerial()).isEqualTo(10562871);
    DistFile wheel = page.files().get(0);
    assertThat(wheel.size()).isEqualTo(5219);
    assertThat(wheel.uploadTime()).isEqualTo(Instant.parse("2021-06-05T00:15:37.534150Z"));
    assertThat(wheel.requiresPython()).isEqualTo("~=3.6");
    assertThat(page.versions()).containsExactly("0.1.0");
    assertThat(Samples.string(out -> SimplePages.writeProjectJson(page, out)))
        .contains("\"upload-time\":\"2021-06-05T00:15:37.534150Z\"")
        .contains("\"upload-time\":\"2021-06-05T00:15:39.003726Z\"");
    assertThat(
            parseJson(Fixtures.pypi().resolve("pypi-simple/argset-708.json"), "argset", null)
                .files())
        .hasSize(2);
  }

  @Test
  void relativeJsonUrlsResolveAgainstThePageUrl() throws IOException {
    ProjectPage page =
        parseJson(
            Fixtures.pypi().resolve("pypi-simple/argset-relative.json"),
            "argset",
            "https://test.nil/simple/argset/");
    assertThat(page.files())
        .extracting(DistFile::url)
        .containsExactly(
            "https://test.nil/simple/argset/packages/argset-0.1.0-py3-none-any.whl",
            "https://test.nil/simple/argset/packages/argset-0.1.0.tar.gz");
  }

  @Test
  void legacyDistInfoMetadataIsReadInBothFormats() throws IOException {
    String sha = "e360bf0ed8a06390513d50dd5b7e9d635c789853a93b84163f9de4ae0647580c";
    Path legacy = Fixtures.pypi().resolve("poetry/legacy");
    ProjectPage html = parseHtml(legacy.resolve("isort-metadata.html"), "isort-metadata", null);
    ProjectPage json =
        parseJson(legacy.resolve("json/isort-metadata.json"), "isort-metadata", null);
    assertThat(html.files().get(0).coreMetadata()).containsExactly(entry("sha256", sha));
    assertThat(json.files()).isEqualTo(html.files());
    assertThat(html.lastSerial()).isEqualTo(3575149);
  }

  @Test
  void htmlAndJsonTwinsGiveTheSameFiles() throws IOException {
    Path legacy = Fixtures.pypi().resolve("poetry/legacy");
    for (String twin : List.of("absolute", "invalid-version")) {
      ProjectPage html = parseHtml(legacy.resolve(twin + ".html"), "poetry", null);
      ProjectPage json = parseJson(legacy.resolve("json/" + twin + ".json"), "poetry", null);
      assertThat(json.files()).as(twin).isEqualTo(html.files());
    }
  }

  @Test
  void htmlRequiresPythonEntitiesAreDecoded() throws IOException {
    Path path = Fixtures.pypi().resolve("pip/indexes/datarequire/fakepackage/index.html");
    ProjectPage page = parseHtml(path, "fakepackage", "https://pypi.example/simple/fakepackage/");
    assertThat(page.files())
        .extracting(DistFile::requiresPython)
        .containsExactly(null, "<2.7", ">=2.7,<3", ">=3.3", "><X.y.z");
    assertThat(page.files().get(0).url())
        .isEqualTo("https://pypi.example/fakepackage-1.0.0.tar.gz");
    assertThat(page.files().get(0).hashes()).containsOnlyKeys("md5");
    String html = Samples.string(out -> SimplePages.writeProjectHtml(page, out));
    assertThat(html)
        .contains("data-requires-python=\"&gt;=2.7,&lt;3\"")
        .contains("data-requires-python=\"&gt;&lt;X.y.z\"");
    ProjectPage inPlace =
        parseHtml(Fixtures.pypi().resolve("pypi-simple/session01/in-place.html"), "in-place", null);
    assertThat(inPlace.files())
        .allSatisfy(f -> assertThat(String.valueOf(f.requiresPython())).doesNotContain("&"));
    assertThat(inPlace.files()).anySatisfy(f -> assertThat(f.requiresPython()).contains("<4"));
  }

  @Test
  void htmlYankedFormsAreRead() throws IOException {
    ProjectPage mixed =
        parseHtml(Fixtures.pypi().resolve("pypi-simple/qypi_mixed.html"), "qypi", null);
    assertThat(mixed.files())
        .extracting(DistFile::filename, DistFile::yanked)
        .containsExactly(
            tuple("qypi-0.1.0-py3-none-any.whl", "Metadata was smelly"),
            tuple("qypi-0.1.0.post1-py3-none-any.whl", ""),
            tuple("qypi-0.1.0.post1.tar.gz", null),
            tuple("qypi-0.1.0.tar.gz", ""),
            tuple("qypi-0.2.0-py3-none-any.whl", null));
    ProjectPage black =
        parseHtml(Fixtures.pypi().resolve("poetry/legacy/black.html"), "black", null);
    assertThat(black.files())
        .extracting(DistFile::yanked)
        .contains("Broken regex dependency. Use 21.11b1 instead.");
    ProjectPage pip =
        parseHtml(
            Fixtures.pypi().resolve("pip/indexes/yanked_all/simple/index.html"), "simple", null);
    assertThat(pip.files()).isNotEmpty().allSatisfy(f -> assertThat(f.yanked()).isNotEmpty());
  }

  @Test
  void htmlBaseAndSerialAreHonoured() throws IOException {
    ProjectPage page =
        parseHtml(
            Fixtures.pypi().resolve("pypi-simple/qypi_base.html"),
            "qypi",
            "https://elsewhere/simple/qypi/");
    assertThat(page.files())
        .hasSize(4)
        .allSatisfy(
            f -> assertThat(f.url()).startsWith("https://files.pythonhosted.org/packages/"));
    assertThat(page.lastSerial()).isEqualTo(2875636);
    assertThat(parseHtml(Fixtures.pypi().resolve("pypi-simple/qypi.html"), "qypi", null).files())
        .hasSize(12);
  }

  @Test
  void htmlPageListingAnotherProjectKeepsItsFilesOnceButNotItsVersions() throws IOException {
    ProjectPage page =
        parseHtml(
            Fixtures.pypi().resolve("poetry/legacy/pytest-with-extra-packages.html"),
            "pytest",
            null);
    assertThat(page.files())
        .extracting(DistFile::filename)
        .containsExactly(
            "futures-3.2.0-py2-none-any.whl",
            "pytest-3.5.0-py2.py3-none-any.whl",
            "pytest-3.5.0.tar.gz");
    assertThat(page.versions()).containsExactly("3.5.0");
  }

  @Test
  void pipsRelativeLinksUnderASpacedDirectoryReachTheRealFile() throws Exception {
    Path index = Fixtures.pypi().resolve("pip/indexes/in dex/simple/index.html");
    // An unencoded page URL, as a careless caller would pass it.
    ProjectPage page = parseHtml(index, "simple", "file://" + index);
    DistFile file = page.files().get(0);
    assertThat(file.url()).startsWith("file:/").endsWith("/pip/packages/simple-1.0.tar.gz");
    Path target = Path.of(URI.create(file.url()));
    assertThat(md5(target)).isEqualTo(file.hashes().get("md5"));
  }

  @Test
  void everyProjectPageInTheFixturesParses() throws IOException {
    Path root = Fixtures.pypi();
    List<Path> pages =
        files(root, ".html").stream()
            .filter(p -> ROOT_INDEXES.stream().noneMatch(r -> p.endsWith(r)))
            .toList();
    assertThat(pages).hasSizeGreaterThan(30);
    for (Path path : pages) {
      ProjectPage page = parseHtml(path, "anything", path.toUri().toString());
      assertThat(page.files())
          .as(path.toString())
          .allSatisfy(f -> assertThat(f.url()).doesNotContain("#"));
    }
    assertThat(
            parseHtml(root.resolve("pip/indexes/empty_with_pkg/index.html"), "simple", null)
                .files())
        .isEmpty();
    for (Path path : files(root.resolve("poetry/legacy/json"), ".json")) {
      parseJson(
          path,
          MAPPER.readTree(path.toFile()).get("name").asText(),
          "https://example.org/simple/x/");
    }
  }

  /** Normal form without trailing ".0"s, so that equal PEP 440 versions compare equal. */
  private static List<String> canonical(List<String> versions) {
    return versions.stream()
        .map(v -> Pep440.parse(v).map(p -> p.toString().replaceAll("(\\.0)+$", "")).orElse(v))
        .collect(Collectors.toList());
  }

  private static List<String> textValues(JsonNode array) {
    return Stream.iterate(0, i -> i < array.size(), i -> i + 1)
        .map(i -> array.get(i).asText())
        .toList();
  }

  private static String md5(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  private static ProjectPage parseJson(Path path, String name, String base) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return UpstreamPages.parseJson(new ProjectName(name), in, base);
    }
  }

  private static ProjectPage parseHtml(Path path, String name, String base) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return UpstreamPages.parseHtml(new ProjectName(name), in, base);
    }
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
