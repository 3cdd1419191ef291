package dev.tintype.curate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marker environments a curated PyPI repository serves: every configured Python on every
 * configured platform. A Python {@code 3.11} stands for {@code 3.11.0}; give {@code 3.11.4} to be
 * exact.
 */
public final class PyEnvironments {
  private PyEnvironments() {}

  /** One environment per (python, platform); with no platforms, Linux x86_64. */
  public static List<Map<String, String>> of(List<String> pythons, List<String> platforms) {
    List<Map<String, String>> out = new ArrayList<>();
    List<String> plats = platforms.isEmpty() ? List.of("manylinux_2_28_x86_64") : platforms;
    for (String py : pythons) {
      String[] parts = py.split("\\.");
      String full = parts.length >= 3 ? py : py + ".0";
      for (String plat : plats) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("python_version", parts[0] + "." + parts[1]);
        env.put("python_full_version", full);
        env.put("implementation_name", "cpython");
        env.put("platform_python_implementation", "CPython");
        env.put("implementation_version", full);
        if (plat.startsWith("win")) {
          env.put("os_name", "nt");
          env.put("sys_platform", "win32");
          env.put("platform_system", "Windows");
          env.put(
              "platform_machine",
              plat.endsWith("amd64") ? "AMD64" : plat.endsWith("arm64") ? "ARM64" : "x86");
        } else if (plat.startsWith("macosx")) {
          env.put("os_name", "posix");
          env.put("sys_platform", "darwin");
          env.put("platform_system", "Darwin");
          env.put("platform_machine", plat.substring(plat.lastIndexOf('_') + 1));
        } else {
          env.put("os_name", "posix");
          env.put("sys_platform", "linux");
          env.put("platform_system", "Linux");
          env.put("platform_machine", machine(plat));
        }
        out.add(env);
      }
    }
    return out;
  }

  private static String machine(String linuxTag) {
    for (String m : List.of("x86_64", "aarch64", "i686", "ppc64le", "s390x", "armv7l")) {
      if (linuxTag.endsWith(m)) {
        return m;
      }
    }
    return linuxTag.substring(linuxTag.lastIndexOf('_') + 1);
  }
}
