package dev.tintype.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one measured command: wall time, and peak RSS where {@code /usr/bin/time} exists. */
final class Proc {
  private static final Path TIME = Path.of("/usr/bin/time");

  private Proc() {}

  /** How a command ended. {@code peakRssKiB} is -1 when it could not be measured. */
  record Run(
      List<String> command,
      int exit,
      String stdout,
      String stderr,
      double seconds,
      long peakRssKiB) {
    Run requireOk() {
      if (exit != 0) {
        throw new IllegalStateException(
            "command "
                + command
                + " exited with "
                + exit
                + ", expected 0\n--- stdout ---\n"
                + tail(stdout)
                + "\n--- stderr ---\n"
                + tail(stderr));
      }
      return this;
    }

    private static String tail(String s) {
      return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }
  }

  static boolean canMeasureRss() {
    return Files.isExecutable(TIME);
  }

  static Run run(Path workDir, Duration timeout, Map<String, String> env, List<String> command)
      throws IOException {
    Path out = Files.createTempFile(workDir, "proc-", ".out");
    Path err = Files.createTempFile(workDir, "proc-", ".err");
    Path rss = Files.createTempFile(workDir, "proc-", ".rss");
    try {
      List<String> full = new ArrayList<>();
      if (canMeasureRss()) {
        full.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.toString()));
      }
      full.addAll(command);
      ProcessBuilder b =
          new ProcessBuilder(full)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      b.environment().putAll(env);
      long t0 = System.nanoTime();
      Process p = b.start();
      p.getOutputStream().close();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while running " + command);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (!done) {
        kill(p);
        throw new IOException(
            "command " + command + " still running after " + timeout + "; killed it");
      }
      return new Run(
          command,
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          seconds,
          peak(rss));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(rss);
    }
  }

  private static long peak(Path rss) throws IOException {
    for (String line : Files.readAllLines(rss, StandardCharsets.UTF_8)) {
      if (line.strip().matches("[0-9]+")) {
        return Long.parseLong(line.strip());
      }
    }
    return -1;
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
