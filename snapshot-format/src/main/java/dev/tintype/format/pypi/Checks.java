package dev.tintype.format.pypi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation shared by the records: upstream data is untrusted until it passes here. */
final class Checks {
  private static final Pattern HASH_NAME = Pattern.compile("[a-z0-9_]{1,32}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Map<String, Integer> HEX_LENGTHS =
      Map.of(
          "md5",
          32,
          "sha1",
          40,
          "sha224",
          56,
          "sha256",
          64,
          "sha384",
          96,
          "sha512",
          128,
          "blake2b_256",
          64);

  private Checks() {}

  static boolean hasControlChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return true;
      }
    }
    return false;
  }

  /** Makes a string safe to quote in an error message. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Copies a digest map into canonical form (sorted, lower-case hex), or explains which entry of
   * which file is wrong.
   */
  static SortedMap<String, String> digests(String what, String filename, Map<String, String> in) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : in.entrySet()) {
      String name = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue().toLowerCase(Locale.ROOT);
      if (name == null || !HASH_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "file '"
                + printable(filename)
                + "': "
                + what
                + " name expected to match [a-z0-9_]+, found '"
                + (name == null ? "null" : printable(name))
                + "'");
      }
      Integer length = HEX_LENGTHS.get(name);
      if (!HEX.matcher(value).matches() || (length != null && value.length() != length)) {
        throw new IllegalArgumentException(
            "file '"
                + printable(filename)
                + "': "
                + what
                + " "
                + name
                + " expected "
                + (length == null ? "" : length + " ")
                + "hex digits, found '"
                + printable(e.getValue() == null ? "null" : e.getValue())
                + "'");
      }
      out.put(name, value);
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
