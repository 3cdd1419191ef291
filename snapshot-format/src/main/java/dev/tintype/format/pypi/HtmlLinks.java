package dev.tintype.format.pypi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant scanner for the few tags a Simple API page uses: {@code <a>}, {@code <base>} and the
 * {@code <!--SERIAL n-->} comment of PyPI. It is not an HTML parser: it skips comments and the
 * bodies of scripts and styles, and reads attributes the way browsers do (quoted, unquoted or bare;
 * the first of a repeated name wins; names case-insensitive).
 */
final class HtmlLinks {
  private static final Pattern SERIAL = Pattern.compile("<!--\\s*SERIAL\\s+([0-9]{1,18})\\s*-->");
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));");
  private static final Map<String, String> NAMED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

  /** An anchor: attribute values unescaped (null for a bare attribute) and its text. */
  record Anchor(Map<String, String> attributes, String text) {}

  final List<Anchor> anchors = new ArrayList<>();
  String baseHref;
  long serial = -1;

  private final String html;
  private int pos;

  private HtmlLinks(String html) {
    this.html = html;
  }

  static HtmlLinks scan(String html) {
    HtmlLinks links = new HtmlLinks(html);
    links.run();
    Matcher m = SERIAL.matcher(html);
    if (m.find()) {
      links.serial = Long.parseLong(m.group(1));
    }
    return links;
  }

  private void run() {
    while ((pos = html.indexOf('<', pos)) >= 0) {
      if (html.startsWith("<!--", pos)) {
        pos = skipPast("-->", pos + 4);
        continue;
      }
      int nameStart = ++pos;
      while (pos < html.length() && Character.isLetterOrDigit(html.charAt(pos))) {
        pos++;
      }
      String tag = html.substring(nameStart, pos).toLowerCase(Locale.ROOT);
      if (tag.isEmpty()) {
        continue;
      }
      Map<String, String> attributes = attributes();
      switch (tag) {
        case "a" -> {
          int end = indexOfIgnoreCase("</a", pos);
          String inner = html.substring(pos, end < 0 ? html.length() : end);
          anchors.add(new Anchor(attributes, unescape(inner.replaceAll("<[^>]*>", "")).strip()));
          pos = end < 0 ? html.length() : end + 3;
        }
        case "base" -> {
          if (baseHref == null && attributes.get("href") != null) {
            baseHref = attributes.get("href");
          }
        }
        case "script", "style" -> {
          int end = indexOfIgnoreCase("</" + tag, pos);
          pos = end < 0 ? html.length() : end + 2 + tag.length();
        }
        default -> {}
      }
    }
  }

  /** Reads attributes up to and past the closing '>'. */
  private Map<String, String> attributes() {
    Map<String, String> out = new HashMap<>();
    while (pos < html.length()) {
      char c = html.charAt(pos);
      if (c == '>') {
        pos++;
        break;
      }
      if (Character.isWhitespace(c) || c == '/') {
        pos++;
        continue;
      }
      int start = pos;
      while (pos < html.length() && !isNameEnd(html.charAt(pos))) {
        pos++;
      }
      String name = html.substring(start, pos).toLowerCase(Locale.ROOT);
      skipWhitespace();
      String value = null;
      if (pos < html.length() && html.charAt(pos) == '=') {
        pos++;
        skipWhitespace();
        value = value();
      }
      out.putIfAbsent(name, value == null ? null : unescape(value));
    }
    return out;
  }

  private String value() {
    if (pos >= html.length()) {
      return "";
    }
    char q = html.charAt(pos);
    if (q == '"' || q == '\'') {
      int end = html.indexOf(q, pos + 1);
      String v = html.substring(pos + 1, end < 0 ? html.length() : end);
      pos = end < 0 ? html.length() : end + 1;
      return v;
    }
    int start = pos;
    while (pos < html.length()
        && !Character.isWhitespace(html.charAt(pos))
        && html.charAt(pos) != '>') {
      pos++;
    }
    return html.substring(start, pos);
  }

  private static boolean isNameEnd(char c) {
    return Character.isWhitespace(c) || c == '=' || c == '>' || c == '/';
  }

  private void skipWhitespace() {
    while (pos < html.length() && Character.isWhitespace(html.charAt(pos))) {
      pos++;
    }
  }

  private int skipPast(String marker, int from) {
    int end = html.indexOf(marker, from);
    return end < 0 ? html.length() : end + marker.length();
  }

  private int indexOfIgnoreCase(String needle, int from) {
    for (int i = from; i <= html.length() - needle.length(); i++) {
      if (html.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Decodes character references; unknown named ones are left as they are. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String replacement;
      if (m.group(3) != null) {
        replacement = NAMED.getOrDefault(m.group(3).toLowerCase(Locale.ROOT), m.group());
      } else {
        int cp =
            m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        boolean valid = Character.isValidCodePoint(cp) && cp != 0 && (cp < 0xd800 || cp > 0xdfff);
        replacement = valid ? new String(Character.toChars(cp)) : "\ufffd";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
