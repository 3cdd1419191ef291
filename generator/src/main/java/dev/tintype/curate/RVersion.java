package dev.tintype.curate;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An R package version as {@code package_version()} reads it: whole numbers separated by {@code .}
 * or {@code -}, compared number by number (a prefix is older).
 */
public record RVersion(String text, int[] parts) implements Comparable<RVersion> {
  private static final Pattern VALID = Pattern.compile("[0-9]+([.-][0-9]+)*");

  public RVersion {
    parts = parts.clone();
  }

  public static RVersion parse(String text) {
    String t = text.strip();
    if (!VALID.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an R version such as 1.2-3");
    }
    String[] s = t.split("[.-]");
    int[] p = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = Integer.parseInt(s[i]);
    }
    return new RVersion(t, p);
  }

  @Override
  public int compareTo(RVersion o) {
    return Arrays.compare(parts, o.parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RVersion v && Arrays.equals(parts, v.parts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(parts);
  }

  @Override
  public String toString() {
    return text;
  }
}
