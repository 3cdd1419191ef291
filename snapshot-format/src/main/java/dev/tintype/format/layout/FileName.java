package dev.tintype.format.layout;

import java.nio.charset.StandardCharsets;

/** Checks that an upstream-supplied file name is safe to become one path segment. */
public final class FileName {
  private FileName() {}

  /**
   * Returns {@code name} if it is a plain file name: no separators, no {@code ..}, no control
   * characters, not hidden. {@code what} names the record it came from, for the error.
   */
  public static String requireSafe(String name, String what) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          what + ": refused file name '" + printable(name) + "': " + problem);
    }
    return name;
  }

  // The Latin-1 characters that make a name worth a closer look: controls and separators.
  private static final boolean[] SUSPECT = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      SUSPECT[c] = true;
    }
    SUSPECT[0x7f] = true;
    SUSPECT['/'] = true;
    SUSPECT['\\'] = true;
  }

  /** Why {@code name} is not a safe file name, or null if it is. */
  public static String problem(String name) {
    // One pass over bytes clears nearly every name: a nightly checks each of its hundreds of
    // thousands of paths, segment by segment, several times, and with the launcher's C1-only JIT
    // the passes of charAt were 8 % of a PyPI nightly's samples. A char beyond Latin-1 becomes '?',
    // which is none of the characters looked for. Anything else gets the checks that say why.
    if (name != null && !name.isEmpty() && name.length() <= 255) {
      byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
      if (b[0] != '.' && b[0] != '-') {
        int prev = 0;
        boolean clear = true;
        for (byte x : b) {
          int c = x & 0xFF;
          if (SUSPECT[c] || (c == '.' && prev == '.')) {
            clear = false;
            break;
          }
          prev = c;
        }
        if (clear) {
          return null;
        }
      }
    }
    return why(name);
  }

  // Package-private for the test that holds the fast pass to it.
  static String why(String name) {
    if (name == null || name.isEmpty()) {
      return "empty";
    }
    if (name.length() > 255) {
      return "longer than 255 characters";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "contains a path separator";
    }
    if (name.contains("..")) {
      return "contains '..'";
    }
    if (name.startsWith(".") || name.startsWith("-")) {
      return "starts with '" + name.charAt(0) + "'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "contains a control character";
      }
    }
    return null;
  }

  /** Makes a hostile value safe to quote in an error message. */
  public static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
