package dev.tintype.curate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a wheel installs on a configured Python and platform, by its PEP 425 tags ({@code
 * name-version(-build)?-python-abi-platform.whl}, each tag possibly a {@code .}-joined set).
 */
public final class WheelTags {
  private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_(.+)");
  private static final Pattern MACOS = Pattern.compile("macosx_(\\d+)_(\\d+)_(.+)");

  private WheelTags() {}

  /** The python, abi and platform tags of a wheel's file name; empty for any other file. */
  public static Optional<String[]> tags(String filename) {
    if (!filename.endsWith(".whl")) {
      return Optional.empty();
    }
    String[] p = filename.substring(0, filename.length() - 4).split("-");
    if (p.length != 5 && p.length != 6) {
      return Optional.empty();
    }
    int n = p.length;
    return Optional.of(new String[] {p[n - 3], p[n - 2], p[n - 1]});
  }

  /** Whether one of the wheel's python/abi tag pairs installs on Python {@code version}. */
  public static boolean fitsPython(String[] tags, String version) {
    String[] v = version.split("\\.");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    for (String py : tags[0].split("\\.")) {
      for (String abi : tags[1].split("\\.")) {
        if (pythonTag(py, abi, major, minor)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean pythonTag(String py, String abi, int major, int minor) {
    String cp = "cp" + major + minor;
    if (py.equals("py" + major) || py.equals("py" + major + minor)) {
      return abi.equals("none");
    }
    if (py.equals(cp)) {
      return abi.equals("none") || abi.equals("abi3") || abi.equals(cp) || abi.equals(cp + "m");
    }
    // cp38-abi3 installs on every later CPython 3.
    Matcher m = Pattern.compile("cp" + major + "(\\d+)").matcher(py);
    return m.matches() && abi.equals("abi3") && Integer.parseInt(m.group(1)) <= minor;
  }

  /** Whether one of the wheel's platform tags installs on one of {@code platforms}. */
  public static boolean fitsPlatforms(String[] tags, List<String> platforms) {
    for (String plat : tags[2].split("\\.")) {
      if (plat.equals("any")) {
        return true;
      }
      for (String want : platforms) {
        if (fits(legacy(plat), legacy(want))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Old manylinux names as the glibc versions PEP 600 gives them. */
  private static String legacy(String tag) {
    return tag.replace("manylinux1_", "manylinux_2_5_")
        .replace("manylinux2010_", "manylinux_2_12_")
        .replace("manylinux2014_", "manylinux_2_17_");
  }

  private static boolean fits(String have, String want) {
    if (have.equals(want)) {
      return true;
    }
    Matcher h = MANYLINUX.matcher(have);
    Matcher w = MANYLINUX.matcher(want);
    if (h.matches() && w.matches()) {
      return h.group(3).equals(w.group(3)) && older(h, w);
    }
    h = MACOS.matcher(have);
    w = MACOS.matcher(want);
    if (h.matches() && w.matches()) {
      String arch = h.group(3);
      boolean archFits =
          arch.equals(w.group(3))
              || arch.equals("universal2") && List.of("arm64", "x86_64").contains(w.group(3));
      return archFits && older(h, w);
    }
    return false;
  }

  private static boolean older(Matcher have, Matcher want) {
    int a = Integer.parseInt(have.group(1));
    int b = Integer.parseInt(want.group(1));
    return a < b || a == b && Integer.parseInt(have.group(2)) <= Integer.parseInt(want.group(2));
  }
}
