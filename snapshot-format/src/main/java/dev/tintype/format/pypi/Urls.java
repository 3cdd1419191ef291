package dev.tintype.format.pypi;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** URL helpers for upstream pages, which are sloppier than java.net.URI. */
final class Urls {
  private static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

  private Urls() {}

  /** Resolves {@code ref} against {@code base} (which may be null), dropping any fragment. */
  static String resolve(String base, String ref) throws URISyntaxException {
    URI r = new URI(encode(ref));
    if (base != null && !r.isAbsolute()) {
      URI b = new URI(encode(base));
      if (b.getRawAuthority() != null && (b.getRawPath() == null || b.getRawPath().isEmpty())) {
        // URI.resolve would glue "https://host" and "x" into "https://hostx".
        b = new URI(b.getScheme() + "://" + b.getRawAuthority() + "/");
      }
      r = b.resolve(r);
    }
    String s = r.toString();
    int hash = s.indexOf('#');
    s = hash < 0 ? s : s.substring(0, hash);
    return r.isAbsolute() ? dropDotsAboveRoot(s, r) : s;
  }

  // RFC 3986 (and pip, and browsers) drop ".." segments that climb above the root; URI keeps them.
  private static String dropDotsAboveRoot(String s, URI r) {
    String path = r.getRawPath();
    if (path == null || !path.startsWith("/..")) {
      return s;
    }
    int at = s.indexOf(path);
    String trimmed = path;
    while (trimmed.startsWith("/../")) {
      trimmed = trimmed.substring(3);
    }
    if (trimmed.equals("/..")) {
      trimmed = "/";
    }
    return s.substring(0, at) + trimmed + s.substring(at + path.length());
  }

  /**
   * Relative, or absolute with a scheme that can name a file (http, https, file): skips links that
   * are not files at all (mailto:, javascript:). Whether this upstream may follow the URL is not
   * decided here but by the generator's {@code dev.tintype.fetch.UrlPolicy} (file: only from a
   * file:// upstream, and only under it), so that a file: link on an http page fails the sync
   * loudly, as it does on a JSON page, instead of vanishing.
   */
  static boolean isFetchable(String url) {
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      return true;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    return scheme.equals("https") || scheme.equals("http") || scheme.equals("file");
  }

  /** The fragment of {@code ref}, or null. */
  static String fragment(String ref) {
    int hash = ref.indexOf('#');
    return hash < 0 ? null : ref.substring(hash + 1);
  }

  /** The last path segment, percent-decoded as UTF-8. */
  static String lastSegment(String url) {
    String path = url;
    int end = indexOfAny(path, "?#");
    if (end >= 0) {
      path = path.substring(0, end);
    }
    return percentDecode(path.substring(path.lastIndexOf('/') + 1));
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  // Percent-encodes what URI refuses (spaces, non-ASCII, '|', ...) so real-world links parse.
  private static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && ALLOWED.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        out.write(hi << 4 | lo);
        i += 3;
      } else {
        byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
