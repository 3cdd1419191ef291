package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlLinksTest {

  @Test
  void everyNamedAndNumericReferenceIsDecoded() throws IOException {
    HtmlLinks links =
        HtmlLinks.scan(
            "<a href=\"https:&#x2F;&#x2F;files.example&#47;caf&eacute;-1.0.tar.gz\""
                + " data-yanked=\"&ldquo;broken&rdquo; &mdash; use 1.1&hellip;\">"
                + "caf&eacute; &euro;&#x1F600;</a>");
    assertThat(links.anchors).hasSize(1);
    HtmlLinks.Anchor a = links.anchors.get(0);
    assertThat(a.attributes())
        .containsEntry("href", "https://files.example/café-1.0.tar.gz")
        .containsEntry("data-yanked", "\u201cbroken\u201d \u2014 use 1.1\u2026");
    assertThat(a.text()).isEqualTo("café €\uD83D\uDE00");
  }

  // As in a browser, a tag cut off by the end of the page ("five") is dropped.
  @Test
  void malformedMarkupStillGivesItsLinks() throws IOException {
    HtmlLinks links =
        HtmlLinks.scan(
            """
            <html><body><table><tr><td><a href=one-1.0.tar.gz>one</td></tr>
            </a></a><p><a href='two-1.0.tar.gz' data-yanked data-yanked="second">two
            <a href="three-1.0.tar.gz" title="a <a href='nope.tar.gz'>">three</b></i>
            <a HREF = "four-1.0.tar.gz">four
            <a href="five-1.0.tar.gz"
            """);
    assertThat(links.anchors)
        .extracting(a -> a.attributes().get("href"))
        .containsExactlyInAnyOrder(
            "one-1.0.tar.gz", "two-1.0.tar.gz", "three-1.0.tar.gz", "four-1.0.tar.gz");
    assertThat(links.anchors)
        .filteredOn(a -> "two-1.0.tar.gz".equals(a.attributes().get("href")))
        .singleElement()
        .satisfies(a -> assertThat(a.attributes()).containsEntry("data-yanked", ""));
    assertThat(links.serial).isEqualTo(-1);
  }

  @Test
  void anUnterminatedCommentHidesWhatFollows() throws IOException {
    HtmlLinks links =
        HtmlLinks.scan("<a href='a-1.0.tar.gz'>a</a><!-- <a href='b-1.0.tar.gz'>b</a>");
    assertThat(links.anchors)
        .extracting(a -> a.attributes().get("href"))
        .containsExactly("a-1.0.tar.gz");
  }

  @Test
  void theSerialIsTheFirstSerialCommentNotScriptText() throws IOException {
    HtmlLinks links =
        HtmlLinks.scan(
            "<html><script>var s = '<!--SERIAL 1-->';</script><body></body></html>\n"
                + "<!-- not a serial 2 -->\n<!--SERIAL 2875636-->\n<!--SERIAL 3-->");
    assertThat(links.serial).isEqualTo(2875636);
  }

  @Test
  void theFirstBaseWithAnHrefWins() throws IOException {
    HtmlLinks links =
        HtmlLinks.scan(
            "<head><base target=_top><base href='https://a.example/'>"
                + "<base href='https://b.example/'></head>");
    assertThat(links.baseHref).isEqualTo("https://a.example/");
  }

  @Test
  void anIoExceptionOfTheInputPassesUnchanged() {
    IOException limit = new IOException("larger than the limit (limits.max-page-size)");
    Reader endless =
        new Reader() {
          private long given;

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            if (given > (4 << 20)) {
              throw limit;
            }
            String chunk = "<a href='x-1.0.tar.gz'>x</a>";
            int n = 0;
            while (n + chunk.length() <= len) {
              chunk.getChars(0, chunk.length(), buf, off + n);
              n += chunk.length();
            }
            given += n;
            return n;
          }

          @Override
          public void close() {}
        };
    assertThatThrownBy(() -> HtmlLinks.scan(endless)).isSameAs(limit);
  }

  @Test
  void attributeNamesAreLowerCase() throws IOException {
    HtmlLinks links = HtmlLinks.scan("<A HREF='x-1.0.tar.gz' Data-Requires-Python='&gt;=3'>x</A>");
    assertThat(links.anchors.get(0).attributes())
        .isEqualTo(Map.of("href", "x-1.0.tar.gz", "data-requires-python", ">=3"));
  }
}
