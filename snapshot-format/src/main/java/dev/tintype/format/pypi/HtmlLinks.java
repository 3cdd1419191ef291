package dev.tintype.format.pypi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * The links of a Simple API page: its {@code <a>} and first {@code <base href>}, and the {@code
 * <!--SERIAL n-->} comment of PyPI. An HTML5 parser (jsoup) reads the page as browsers do, every
 * character reference included; it streams, and each element leaves the tree once read, so memory
 * follows the largest element rather than the page.
 */
final class HtmlLinks {
  private static final Set<String> FRAME = Set.of("html", "head", "body");
  private static final Pattern SERIAL = Pattern.compile("\\s*SERIAL\\s+([0-9]{1,18})\\s*");

  /**
   * An anchor: attribute values unescaped, names lower case (a bare attribute has the value {@code
   * ""}; the first of a repeated name wins), and its text.
   */
  record Anchor(Map<String, String> attributes, String text) {}

  final List<Anchor> anchors = new ArrayList<>();

  /** The {@code <meta name content>} pairs, name lower case, in page order. */
  final List<Map.Entry<String, String>> metas = new ArrayList<>();

  String baseHref;
  long serial = -1;

  private HtmlLinks() {}

  /** Reads the page; an IOException of {@code html} (such as a size limit) passes unchanged. */
  static HtmlLinks scan(Reader html) throws IOException {
    HtmlLinks links = new HtmlLinks();
    try (StreamParser parser = new StreamParser(Parser.htmlParser()).parse(html, "")) {
      Iterator<Element> elements = parser.iterator();
      while (elements.hasNext()) {
        Element e = elements.next();
        if (e.normalName().equals("a")) {
          Map<String, String> attributes = new HashMap<>();
          for (Attribute a : e.attributes()) {
            attributes.putIfAbsent(a.getKey(), a.getValue());
          }
          links.anchors.add(new Anchor(attributes, e.text()));
        } else if (e.normalName().equals("meta") && e.hasAttr("name") && e.hasAttr("content")) {
          links.metas.add(
              Map.entry(
                  e.attr("name").strip().toLowerCase(java.util.Locale.ROOT), e.attr("content")));
        } else if (e.normalName().equals("base") && links.baseHref == null && e.hasAttr("href")) {
          links.baseHref = e.attr("href");
        }
        // Done with: the tree keeps only the document's frame and what lies loose in it.
        if (!FRAME.contains(e.normalName())) {
          e.remove();
        }
      }
      Document doc = parser.complete();
      links.serial =
          doc.nodeStream(Comment.class)
              .map(c -> SERIAL.matcher(c.getData()))
              .filter(Matcher::matches)
              .mapToLong(m -> Long.parseLong(m.group(1)))
              .findFirst()
              .orElse(-1);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return links;
  }

  static HtmlLinks scan(String html) throws IOException {
    return scan(new java.io.StringReader(html));
  }
}
