package dev.tintype.format.dcf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers shared by the format tests: the shared fixtures, and running Rscript. */
public final class TestSupport {
  private TestSupport() {}

  /** A file under {@code ../shared/fixtures}; the test is skipped if that folder is absent. */
  public static Path fixture(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("fixtures");
      if (Files.isDirectory(candidate)) {
        Path file = candidate.resolve(relative);
        assumeTrue(Files.exists(file), "fixture " + file + " is absent");
        return file;
      }
    }
    assumeTrue(false, "no shared/fixtures folder above " + dir + ": fixture tests skipped");
    throw new AssertionError("unreachable");
  }

  public static List<DcfRecord> readDcf(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Dcf.read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the test when Rscript is not on the PATH. */
  public static void assumeRscript() {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "Rscript"))) {
        found = true;
      }
    }
    assumeTrue(found, "Rscript is not on the PATH: R conformance test skipped");
  }

  /** Runs an R script with Rscript and returns its standard output (UTF-8). */
  public static String rscript(Path workDir, String script)
      throws IOException, InterruptedException {
    assumeRscript();
    Path file = Files.createTempFile(workDir, "script", ".R");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Path stdout = workDir.resolve(file.getFileName() + ".out");
    Path stderr = workDir.resolve(file.getFileName() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder("Rscript", "--vanilla", file.toString())
            .directory(workDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // R's output encoding and string widths depend on the locale: pin a UTF-8 one.
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.environment().put("LANG", "C.UTF-8");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Rscript did not finish in 120 s: " + script);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "Rscript failed ("
              + process.exitValue()
              + "):\n"
              + Files.readString(stderr)
              + "\nscript:\n"
              + script);
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** A string as an R string literal, every non-ASCII or special character escaped. */
  public static String rString(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
              } else {
                out.append(String.format("\\U{%x}", cp));
              }
            });
    return out.append('"').toString();
  }

  /** Hex of the UTF-8 bytes, to compare strings with R output exactly. */
  public static String hex(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}
