package dev.tintype.format.dcf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * R's {@code write.dcf(x, keep.white = tools:::.keep_white_description_fields)} at R's default
 * {@code getOption("width")} of 80: folded fields go through {@code formatDL(style = "list")}, that
 * is {@code strwrap(width = 72, exdent = 8)}; the others keep their line breaks.
 */
final class DcfFormatter {
  private static final int WIDTH = 72;
  private static final String EXDENT = " ".repeat(8);

  private static final Pattern PARAGRAPH = Pattern.compile("\n[ \t\n]*\n");
  private static final Pattern WORD_SEPARATOR = Pattern.compile("[ \t\n]");
  private static final Pattern SENTENCE_END = Pattern.compile("[.?!][)\"']?$");
  private static final Pattern UNINDENTED_LINE = Pattern.compile("\n([^ \t])");
  private static final Pattern BLANK_LINE = Pattern.compile("\n[ \t]*\n");
  private static final Pattern DOT_LINE = Pattern.compile("\n \\.([^\n])");

  private DcfFormatter() {}

  /** The record's text: one or more lines per field, each ending in LF. */
  static String format(DcfRecord record) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> field : record.fields().entrySet()) {
      appendField(field.getKey(), field.getValue(), out);
    }
    return out.toString();
  }

  /** Appends one field's lines to {@code out}, each ending in LF. */
  static void appendField(String tag, String value, StringBuilder out) {
    if (isPlain(value) && !Dcf.KEEP_WHITE_FIELDS.contains(tag) && isPlainTag(tag)) {
      wrapPlain(tag, value, out);
    } else {
      out.append(formatGeneral(tag, value));
    }
    out.append('\n');
  }

  static String formatField(String tag, String value) {
    StringBuilder out = new StringBuilder();
    appendField(tag, value, out);
    return out.substring(0, out.length() - 1);
  }

  /** The general path, for any value. */
  static String formatGeneral(String tag, String value) {
    String text;
    if (Dcf.KEEP_WHITE_FIELDS.contains(tag)) {
      text = tag + ": " + UNINDENTED_LINE.matcher(value).replaceAll("\n $1");
    } else {
      text = String.join("\n", strwrap(tag + ": " + value));
    }
    // An empty line would end the record: R writes it as " .", and shifts a line that starts
    // with " ." so that it is not read back as one.
    text = BLANK_LINE.matcher(text).replaceAll("\n .\n ");
    text = DOT_LINE.matcher(text).replaceAll("\n  .$1");
    // Here we part from R: for some values (one ending in a newline, or with a line of white
    // space after an empty one) write.dcf leaves a blank line, which ends the record early. We
    // write such a line as " ." instead, so the record stays whole.
    return text.indexOf('\n') < 0 ? text : escapeBlankLines(text);
  }

  /**
   * Printable ASCII words, each separated from the next by one space or one newline: what almost
   * every index field holds, as written or as read back from a wrapped index. strwrap splits words
   * at either, and such text has no paragraphs, empty words or wide characters, and the wrapped
   * lines never need the escapes of {@link #formatGeneral}, so {@link #wrapPlain} gives the same
   * result directly.
   */
  private static boolean isPlain(String s) {
    int n = s.length();
    if (n == 0 || isSeparator(s.charAt(0)) || isSeparator(s.charAt(n - 1))) {
      return false;
    }
    boolean afterSeparator = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSeparator(c)) {
        if (afterSeparator) {
          return false;
        }
        afterSeparator = true;
      } else if (c < 0x21 || c > 0x7e) {
        return false;
      } else {
        afterSeparator = false;
      }
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\n';
  }

  /** A tag that is one plain word. */
  private static boolean isPlainTag(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return !tag.isEmpty();
  }

  /**
   * {@code strwrap(width = 72, exdent = 8)} of {@code "tag: value"} for a plain value: greedy, a
   * line takes words while their lengths plus one each stay within 72 (64 after the first line),
   * and at least one word.
   */
  private static void wrapPlain(String tag, String value, StringBuilder out) {
    int max = WIDTH;
    int lineLength = tag.length() + 1;
    out.append(tag).append(':');
    int n = value.length();
    for (int from = 0, end; from < n; from = end + 1) {
      end = from;
      while (end < n && !isSeparator(value.charAt(end))) {
        end++;
      }
      int w = end - from;
      if (lineLength + w + 2 <= max) {
        out.append(' ');
        lineLength += w + 1;
      } else {
        out.append('\n').append(EXDENT);
        max = WIDTH - EXDENT.length();
        lineLength = w;
      }
      out.append(value, from, end);
    }
  }

  private static String escapeBlankLines(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        lines[i] = " .";
      }
    }
    return String.join("\n", lines);
  }

  /** {@code strwrap(x, width = 72, indent = 0, exdent = 8)}, line for line. */
  static List<String> strwrap(String x) {
    List<String> out = new ArrayList<>();
    for (String paragraph : rSplit(PARAGRAPH, x)) {
      List<String> words = dropEmptyWords(rSplit(WORD_SEPARATOR, paragraph));
      if (words.isEmpty()) {
        out.add("");
        out.add("");
        continue;
      }
      int[] nc = new int[words.size()];
      for (int i = 0; i < nc.length; i++) {
        nc[i] = width(words.get(i));
      }
      wrapParagraph(words, nc, out);
      out.add("");
    }
    if (out.isEmpty()) {
      return List.of("");
    }
    out.remove(out.size() - 1);
    return out;
  }

  private static void wrapParagraph(List<String> words, int[] nc, List<String> out) {
    int n = words.size();
    // A port of strwrap's loop; indices are 1-based as in R, so word i is words.get(i - 1).
    List<Integer> lower = new ArrayList<>(List.of(1));
    List<Integer> upper = new ArrayList<>();
    int start = 0; // the first word not yet placed, 0-based
    int current = 0;
    int maxLength = WIDTH;
    boolean first = true;
    while (start < n) {
      int k = 0;
      int len = 0;
      for (int i = start; i < n; i++) {
        len += nc[i] + 1;
        if (len > maxLength) {
          break;
        }
        k++;
      }
      k = Math.max(k, 1);
      if (first) {
        first = false;
        maxLength = WIDTH - EXDENT.length();
      }
      current += k;
      upper.add(nc[current - 1] == 0 ? current - 1 : current);
      int remaining = n - start;
      if (remaining > k) {
        if (nc[current] == 0) {
          current++;
          k++;
        }
        lower.add(current + 1);
      }
      start += k;
    }
    for (int b = 0; b < upper.size(); b++) {
      StringBuilder line = new StringBuilder(b == 0 ? "" : EXDENT);
      for (int i = lower.get(b); i <= upper.get(b); i++) {
        if (i > lower.get(b)) {
          line.append(' ');
        }
        line.append(words.get(i - 1));
      }
      out.add(line.toString());
    }
  }

  /**
   * Drops zero-width words (runs of separators), except one right after a sentence end: that keeps
   * a double space there.
   */
  private static List<String> dropEmptyWords(List<String> words) {
    List<String> kept = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (width(word) > 0 || (i > 0 && SENTENCE_END.matcher(words.get(i - 1)).find())) {
        kept.add(word);
      }
    }
    return kept;
  }

  /**
   * R's {@code strsplit}: a match at the start gives a leading "", and the text after the last
   * match is kept only if it is not empty.
   */
  static List<String> rSplit(Pattern separator, String s) {
    List<String> tokens = new ArrayList<>();
    var m = separator.matcher(s);
    int from = 0;
    while (from < s.length() && m.find(from)) {
      tokens.add(s.substring(from, m.start()));
      from = m.end();
    }
    if (from < s.length()) {
      tokens.add(s.substring(from));
    }
    return tokens;
  }

  /**
   * {@code nchar(type = "w")}: 0 for combining marks, 2 for East Asian wide characters, else 1. An
   * approximation of R's table, exact for the ASCII that index fields hold.
   */
  static int width(String word) {
    int w = 0;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT) {
        continue;
      }
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115f)
        || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
        || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f)
        || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6)
        || (cp >= 0x1f300 && cp <= 0x1f64f)
        || (cp >= 0x1f900 && cp <= 0x1f9ff)
        || (cp >= 0x20000 && cp <= 0x3fffd);
  }
}
