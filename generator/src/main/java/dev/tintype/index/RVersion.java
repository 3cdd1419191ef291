package dev.tintype.index;

import java.util.regex.Pattern;

/** R's {@code package_version} order, which {@code write_PACKAGES} uses to keep the newest. */
public final class RVersion {
  private static final Pattern VALID = Pattern.compile("([0-9]+[.-])+[0-9]+");

  private RVersion() {}

  public static boolean isValid(String v) {
    return v != null && VALID.matcher(v.strip()).matches();
  }

  /** Compares two valid versions part by part; a version that is a prefix of another is older. */
  public static int compare(String a, String b) {
    String[] x = a.strip().split("[.-]");
    String[] y = b.strip().split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareDigits(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  // Digit strings of any length: no overflow on a version like 20240101123000.
  private static int compareDigits(String a, String b) {
    String p = a.replaceFirst("^0+(?=.)", "");
    String q = b.replaceFirst("^0+(?=.)", "");
    return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
  }
}
