package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UpstreamPagesTest {
  private static final ProjectName DEMO = new ProjectName("Demo.Pkg");
  private static final String SHA = Samples.SHA_A;

  @Test
  void jsonRoundTripGivesTheSamePage() throws IOException {
    ProjectPage page = Samples.page();
    byte[] json = Samples.bytes(out -> SimplePages.writeProjectJson(page, out));
    assertThat(UpstreamPages.parseJson(DEMO, new ByteArrayInputStream(json), null)).isEqualTo(page);
  }

  @Test
  void htmlRoundTripGivesTheSameFilesWithTheirSha256() throws IOException {
    ProjectPage page = Samples.page();
    byte[] html = Samples.bytes(out -> SimplePages.writeProjectHtml(page, out));
    ProjectPage parsed = UpstreamPages.parseHtml(DEMO, new ByteArrayInputStream(html), null);
    // HTML carries one digest per file, and no serial.
    assertThat(parsed).isEqualTo(new ProjectPage(DEMO, sha256Only(page.files()), -1));
  }

  @Test
  void relativeUrlsResolveAgainstThePageUrl() throws IOException {
    String base = "https://mirror.example/pypi/2025-01-10/simple/demo-pkg/";
    byte[] html = Samples.bytes(out -> SimplePages.writeProjectHtml(Samples.page(), out));
    byte[] json = Samples.bytes(out -> SimplePages.writeProjectJson(Samples.page(), out));
    // Four levels up from <root>/<repo>/<date>/simple/<name>/ is <root>.
    String expected = "https://mirror.example/pool/aa/aa/" + SHA;
    assertThat(UpstreamPages.parseHtml(DEMO, new ByteArrayInputStream(html), base).files())
        .anySatisfy(f -> assertThat(f.url()).startsWith(expected));
    assertThat(UpstreamPages.parseJson(DEMO, new ByteArrayInputStream(json), base).files())
        .anySatisfy(f -> assertThat(f.url()).startsWith(expected));
    assertThat(UpstreamPages.parseJson(DEMO, new ByteArrayInputStream(json), "https://h").files())
        .anySatisfy(f -> assertThat(f.url()).startsWith("https://h/pool/aa/aa/"));
  }

  @Test
  void htmlScannerToleratesRealWorldMarkup() throws IOException {
    String html =
        """
        <html><head><BASE HREF='https://files.example/p/'></head><body>
        <!-- <a href="commented-1.0.tar.gz">commented-1.0.tar.gz</a> -->
        <script>var s = "<a href='script-1.0.tar.gz'>";</script>
        <A HREF='x/demo-1.0.tar.gz#SHA256=%s' data-requires-python='&gt;=3.6,&lt;4' DATA-YANKED>
          <b>demo-1.0.tar.gz</b></A><br>
        <a data-yanked="old &amp; &#34;bad&#x22;" href=demo-1.1.tar.gz#md5=0123456789abcdef0123456789abcdef>any text</a>
        <a href="x/demo-1.0.tar.gz#sha256=%s" data-yanked data-requires-python=">=3.6,<4">again</a>
        <a href="../">parent</a><a name="anchor">no href</a><a href="#top">top</a>
        <a href="mailto:a@b.example">mail</a><a href="javascript:void(0)">js</a>
        <a href="demo-2.0-py3-none-any.whl" data-dist-info-metadata="sha256=%s" data-core-metadata="true"
           data-size="42" data-upload-time="2025-01-10T00:00:00.5Z" data-gpg-sig="false">demo-2.0</a>
        <a href="demo%%2B-3.0.tar.gz?x=1&amp;y=2" data-core-metadata=sha256=%s data-size=x data-upload-time=never>
        """
            .formatted(SHA.toUpperCase(), SHA, SHA, SHA);
    ProjectPage page = parse(html);
    assertThat(page.files())
        .extracting(DistFile::filename)
        .containsExactly(
            "demo+-3.0.tar.gz", "demo-1.0.tar.gz", "demo-1.1.tar.gz", "demo-2.0-py3-none-any.whl");
    DistFile odd = page.files().get(0);
    assertThat(odd.url()).isEqualTo("https://files.example/p/demo%2B-3.0.tar.gz?x=1&y=2");
    assertThat(odd.coreMetadata()).containsEntry("sha256", SHA);
    assertThat(odd.size()).isNull();
    assertThat(odd.uploadTime()).isNull();
    DistFile first = page.files().get(1);
    assertThat(first.url()).isEqualTo("https://files.example/p/x/demo-1.0.tar.gz");
    assertThat(first.hashes()).containsExactly(Map.entry("sha256", SHA));
    assertThat(first.requiresPython()).isEqualTo(">=3.6,<4");
    assertThat(first.yanked()).isEmpty();
    DistFile second = page.files().get(2);
    assertThat(second.yanked()).isEqualTo("old & \"bad\"");
    assertThat(second.hashes()).containsOnlyKeys("md5");
    DistFile wheel = page.files().get(3);
    assertThat(wheel.coreMetadata()).as("data-core-metadata wins over the legacy name").isEmpty();
    assertThat(wheel.size()).isEqualTo(42);
    assertThat(wheel.uploadTime()).hasToString("2025-01-10T00:00:00.500Z");
    assertThat(page.lastSerial()).isEqualTo(-1);
  }

  @Test
  void htmlReadsPypisSerialComment() throws IOException {
    assertThat(parse("<a href='demo-1.0.tar.gz'>x</a>\n<!--SERIAL 2875636-->").lastSerial())
        .isEqualTo(2875636);
  }

  @Test
  void htmlRefusesHostileFileNamesNamingProjectAndFile() {
    for (String href :
        List.of(
            "..%2F..%2Fetc%2Fpasswd",
            "evil%0A.tar.gz", "%2E%2E", ".hidden-1.0.tar.gz", "a%5Cb.whl")) {
      assertThatThrownBy(() -> parse("<a href=\"https://x/" + href + "\">f</a>"))
          .as(href)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("project 'Demo.Pkg'")
          .hasMessageContaining("file '")
          .hasCauseInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void htmlRefusesOneFileListedTwiceDifferently() {
    String html =
        "<a href='https://a/demo-1.0.tar.gz'>x</a><a href='https://b/demo-1.0.tar.gz'>x</a>";
    assertThatThrownBy(() -> parse(html))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("demo-1.0.tar.gz")
        .hasMessageContaining("https://a/")
        .hasMessageContaining("https://b/");
  }

  @Test
  void htmlRefusesADigestOfTheWrongLength() {
    assertThatThrownBy(() -> parse("<a href='demo-1.0.tar.gz#sha256=abc'>x</a>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("demo-1.0.tar.gz")
        .hasMessageContaining("64 hex digits");
  }

  @Test
  void jsonNamesTheMissingKeyAndTheProject() {
    String file = "{\"filename\":\"demo-1.0.tar.gz\",\"url\":\"u\",\"hashes\":{}}";
    assertJsonFails("{\"name\":\"demo-pkg\",\"files\":[]}", "'meta'");
    assertJsonFails("{\"meta\":{},\"name\":\"demo-pkg\",\"files\":[]}", "'api-version'");
    assertJsonFails("{\"meta\":{\"api-version\":\"1.1\"},\"files\":[]}", "'name'");
    assertJsonFails("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo-pkg\"}", "'files'");
    assertJsonFails(
        "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo-pkg\",\"files\":[{\"url\":\"u\"}]}",
        "file #0: expected key 'filename'");
    assertJsonFails(
        "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo-pkg\",\"files\":[{\"filename\":\"f\"}]}",
        "file 'f': expected key 'url'");
    assertJsonFails(
        "{\"meta\":{\"api-version\":\"2.0\"},\"name\":\"demo-pkg\",\"files\":[" + file + "]}",
        "api-version 1.x");
    assertJsonFails(
        "{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"other\",\"files\":[" + file + "]}",
        "page of 'other'");
    assertJsonFails("{\"meta\":", "invalid JSON");
    assertJsonFails(
        "{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"demo-pkg\",\"files\":[{\"filename\":\"../x.tar.gz\",\"url\":\"u\"}]}",
        "../x.tar.gz");
  }

  @Test
  void jsonReadsEveryYankedAndMetadataForm() throws IOException {
    String json =
        """
        {"meta":{"api-version":"1.3","_last-serial":7},"name":"demo.pkg","files":[
         {"filename":"a-1.whl","url":"u","hashes":{"SHA256":"%s"},"yanked":true,
          "dist-info-metadata":{"sha256":"%s"}},
         {"filename":"b-1.whl","url":"u#sha256=%s","yanked":"why","data-dist-info-metadata":true,
          "requires-python":null,"size":1.5,"upload-time":"2021-06-05T00:15:37Z"},
         {"filename":"c-1.whl","url":"u","yanked":"","core-metadata":false,
          "dist-info-metadata":{"sha256":"%s"},"size":3,"upload-time":null}]}
        """
            .formatted(SHA, SHA, SHA, SHA);
    ProjectPage page =
        UpstreamPages.parseJson(
            DEMO, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
    assertThat(page.lastSerial()).isEqualTo(7);
    assertThat(page.files()).extracting(DistFile::yanked).containsExactly("", "why", "");
    assertThat(page.files().get(0).hashes()).containsOnlyKeys("sha256");
    assertThat(page.files().get(0).coreMetadata()).containsOnlyKeys("sha256");
    assertThat(page.files().get(1).coreMetadata()).isEmpty();
    assertThat(page.files().get(1).url()).isEqualTo("u");
    assertThat(page.files().get(1).size()).isNull();
    assertThat(page.files().get(1).uploadTime()).hasToString("2021-06-05T00:15:37Z");
    assertThat(page.files().get(2).coreMetadata()).as("core-metadata wins").isNull();
    assertThat(page.files().get(2).size()).isEqualTo(3);
  }

  @Test
  void htmlDecodesReferencesBeyondTheCommonOnesInHrefs() throws IOException {
    ProjectPage page =
        parse(
            "<a href='https:&#x2F;&#x2F;files.example&#x2F;demo-1.0.tar.gz#sha256=%s'>d&eacute;mo</a>"
                .formatted(SHA));
    assertThat(page.files())
        .singleElement()
        .satisfies(f -> assertThat(f.url()).isEqualTo("https://files.example/demo-1.0.tar.gz"));
  }

  @Test
  void jsonSkipsEndlessWhitespaceInConstantMemoryUntilTheInputFails() {
    IOException limit = new IOException("larger than the limit (limits.max-page-size)");
    assertThatThrownBy(() -> UpstreamPages.parseJson(DEMO, endless("{\"meta\":", ' ', limit), null))
        .isSameAs(limit);
  }

  @Test
  void htmlReadsEndlessTextUntilTheInputFails() {
    IOException limit = new IOException("larger than the limit (limits.max-page-size)");
    assertThatThrownBy(
            () -> UpstreamPages.parseHtml(DEMO, endless("<html><body>", ' ', limit), null))
        .isSameAs(limit);
  }

  /** {@code head}, then {@code fill} until 64 MiB were given, then {@code failure}. */
  private static java.io.InputStream endless(String head, char fill, IOException failure) {
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    return new java.io.InputStream() {
      private long given;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        if (given >= 64L << 20) {
          throw failure;
        }
        int n = 0;
        while (n < len && given + n < start.length) {
          buf[off + n] = start[(int) given + n];
          n++;
        }
        java.util.Arrays.fill(buf, off + n, off + len, (byte) fill);
        given += len;
        return len;
      }
    };
  }

  private static void assertJsonFails(String json, String message) {
    assertThatThrownBy(
            () ->
                UpstreamPages.parseJson(
                    DEMO, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("project 'Demo.Pkg'")
        .hasMessageContaining(message);
  }

  private static ProjectPage parse(String html) throws IOException {
    return UpstreamPages.parseHtml(
        DEMO, new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)), null);
  }

  /** What the HTML page carries of each file: one digest, and everything else. */
  static List<DistFile> sha256Only(List<DistFile> files) {
    return files.stream()
        .map(
            f ->
                new DistFile(
                    f.filename(),
                    f.url(),
                    f.hashes().containsKey("sha256")
                        ? new TreeMap<>(Map.of("sha256", f.hashes().get("sha256")))
                        : f.hashes(),
                    f.requiresPython(),
                    f.yanked(),
                    f.coreMetadata() == null || f.coreMetadata().isEmpty()
                        ? f.coreMetadata()
                        : new TreeMap<>(Map.of("sha256", f.coreMetadata().get("sha256"))),
                    f.size(),
                    f.uploadTime(),
                    f.provenance()))
        .toList();
  }
}
