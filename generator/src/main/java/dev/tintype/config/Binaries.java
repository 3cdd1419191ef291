package dev.tintype.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The binary contrib dirs a CRAN repository mirrors: R minor versions for Windows, and for each
 * macOS flavor. Empty lists everywhere ({@link #NONE}) is a source-only mirror.
 *
 * @param windows R minor versions of {@code bin/windows/contrib/<x.y>}
 * @param macos flavor to R minor versions of {@code bin/macosx/<flavor>/contrib/<x.y>}; the flavor
 *     {@link #MACOS_NO_FLAVOR} is {@code bin/macosx/contrib/<x.y>}
 */
public record Binaries(List<String> windows, Map<String, List<String>> macos) {
  public static final Binaries NONE = new Binaries(List.of(), Map.of());

  /** R's {@code x.y}: the version part of a binary contrib dir. */
  public static final Pattern R_MINOR = Pattern.compile("\\d+\\.\\d+");

  /**
   * What R's {@code type = "mac.binary"} (no flavor) reads, {@code bin/macosx/contrib/<x.y>}: Intel
   * Macs up to R 4.2, and older R.
   */
  public static final String MACOS_NO_FLAVOR = "legacy";

  /**
   * The macOS flavors CRAN has published, as {@code contrib.url(type = "mac.binary.<flavor>")}
   * names their dirs, and {@link #MACOS_NO_FLAVOR}.
   */
  public static final Set<String> MACOS_FLAVORS =
      Set.of(
          MACOS_NO_FLAVOR,
          "leopard",
          "mavericks",
          "el-capitan",
          "big-sur-arm64",
          "big-sur-x86_64",
          "sonoma-arm64");

  public Binaries {
    windows = List.copyOf(windows);
    Map<String, List<String>> m = new TreeMap<>();
    macos.forEach((flavor, versions) -> m.put(flavor, List.copyOf(versions)));
    macos = java.util.Collections.unmodifiableMap(m);
    windows.forEach(Binaries::requireMinor);
    for (Map.Entry<String, List<String>> e : macos.entrySet()) {
      if (!MACOS_FLAVORS.contains(Objects.requireNonNull(e.getKey(), "flavor"))) {
        throw new IllegalArgumentException("unknown macOS flavor '" + e.getKey() + "'");
      }
      e.getValue().forEach(Binaries::requireMinor);
    }
  }

  public boolean isEmpty() {
    return windows.isEmpty() && macos.values().stream().allMatch(List::isEmpty);
  }

  private static void requireMinor(String v) {
    if (!R_MINOR.matcher(Objects.requireNonNull(v, "R version")).matches()) {
      throw new IllegalArgumentException("'" + v + "' is not an R minor version such as 4.4");
    }
  }
}
