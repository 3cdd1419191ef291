package dev.tintype.format.dcf;

/** White space as R's DCF reader sees it. */
final class DcfText {
  private DcfText() {}

  /** R's {@code [[:space:]]} in the C locale. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  /** {@code ^[[:space:]]+\.[[:space:]]*$}. */
  static boolean isEscapedBlank(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i == s.length() || s.charAt(i) != '.') {
      return false;
    }
    for (i++; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static String stripLeading(String s) {
    int start = 0;
    while (start < s.length() && isSpace(s.charAt(start))) {
      start++;
    }
    return s.substring(start);
  }

  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** R's {@code trimws()}: strips {@code [ \t\r\n]} at both ends. */
  static String trimWs(CharSequence s) {
    int start = 0;
    int end = s.length();
    while (start < end && " \t\r\n".indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && " \t\r\n".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.subSequence(start, end).toString();
  }
}
