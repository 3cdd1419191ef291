package dev.tintype.format.layout;

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

  /** Why {@code name} is not a safe file name, or null if it is. */
  public static String problem(String name) {
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
