package dev.tintype.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test helper's {@code main} in a new JVM on the test class path with a small heap, so a
 * test can show that some work does not hold what grows with the data.
 */
public final class SmallHeapJvm {
  /** How the JVM ended: its exit status and its output and error, interleaved. */
  public record Result(int exit, String output) {}

  private SmallHeapJvm() {}

  /** Runs {@code main} with {@code args} at {@code -Xmx<heap>} (such as "32m"), up to 10 min. */
  public static Result run(String heap, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(main.getName() + " did not end within 10 minutes:\n" + out);
    }
    return new Result(p.exitValue(), out);
  }
}
