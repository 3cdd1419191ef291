package dev.tintype.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts JVMs: tintype itself (through its launcher, with the JVM options users get, when given;
 * else its release jar when given, else the harness's own class path) and the harness's helper
 * programs.
 */
final class Jvm {
  private final Optional<Path> tintypeJar;
  private final Optional<Path> launcher;

  Jvm(Optional<Path> tintypeJar, Optional<Path> launcher) {
    this.tintypeJar = tintypeJar.map(Path::toAbsolutePath);
    this.launcher = launcher.map(Path::toAbsolutePath);
  }

  /** {@code tintype <args>} with the given max heap (null for the JVM's default). */
  List<String> tintype(String maxHeap, String... args) {
    if (launcher.isPresent()) {
      List<String> c = new ArrayList<>();
      c.add("env");
      c.add("TINTYPE_JAVA_OPTS=" + (maxHeap == null ? "" : "-Xmx" + maxHeap));
      c.add(launcher.get().toString());
      c.addAll(List.of(args));
      return c;
    }
    List<String> c = base(maxHeap);
    if (tintypeJar.isPresent()) {
      c.addAll(List.of("-jar", tintypeJar.get().toString()));
    } else {
      c.addAll(List.of("-cp", classPath(), "dev.tintype.cli.Main"));
    }
    c.addAll(List.of(args));
    return c;
  }

  /** One of the harness's own programs. */
  List<String> helper(String maxHeap, Class<?> main, String... args) {
    List<String> c = base(maxHeap);
    c.addAll(List.of("-cp", classPath(), main.getName()));
    c.addAll(List.of(args));
    return c;
  }

  /** Ours, absolute: the programs run in the work directory. */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      entries.add(Path.of(e).toAbsolutePath().toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static List<String> base(String maxHeap) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (maxHeap != null) {
      c.add("-Xmx" + maxHeap);
    }
    return c;
  }
}
