package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What every benchmark shares: the work directory, how to start JVMs, and the log. */
record Work(Path dir, Scale scale, Jvm jvm, Consumer<String> log) {
  /** Every tintype JVM gets this heap: the memory target is about it. */
  static final String HEAP = "256m";

  static final Duration TIMEOUT = Duration.ofMinutes(15);

  Proc.Run run(List<String> command) throws IOException {
    return Proc.run(dir, TIMEOUT, Map.of(), command);
  }

  Proc.Run tintype(String... args) throws IOException {
    return run(jvm.tintype(HEAP, args)).requireOk();
  }

  Proc.Run bash(String script) throws IOException {
    return run(List.of("bash", "-c", script));
  }

  /**
   * Flushes dirty pages to disk (not timed), so one timed step does not pay for the writeback of
   * the step before it.
   */
  void settle() throws IOException {
    run(List.of("sync"));
  }

  /**
   * Runs a reference command after a settle, logs its time under {@code label}, requires exit 0.
   */
  Proc.Run timed(String label, List<String> command) throws IOException {
    settle();
    Proc.Run r = run(command).requireOk();
    info(label + ": " + Figure.seconds(r.seconds()));
    return r;
  }

  void info(String message) {
    log.accept(message);
  }

  static Optional<String> which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (p.toFile().canExecute()) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }
}
