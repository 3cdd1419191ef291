package dev.tintype.e2e;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.ProcessRunner;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged tintype jar as a separate process, as a user would. */
final class Cli {
  private Cli() {}

  static Path jar() {
    String p = System.getProperty("tintype.jar");
    Path jar = p == null ? Path.of("target/tintype.jar") : Path.of(p);
    if (!Files.exists(jar)) {
      throw new IllegalStateException("no " + jar + ": run through 'mvn verify'");
    }
    return jar;
  }

  static ProcessRunner.Result run(String... args) throws IOException {
    return runJvm(List.of("-Xmx256m"), args);
  }

  /** Runs the jar with these JVM options (e.g. a small heap) instead of the default -Xmx256m. */
  static ProcessRunner.Result runJvm(List<String> jvmOptions, String... args) throws IOException {
    return run(jvmOptions, Map.of(), args);
  }

  /**
   * Runs the jar through {@code scripts/tintype}, as a user does, with these JVM options and these
   * environment variables added (a jar other than the launcher's runs with {@code java -jar}). The
   * launcher's JVM set-up (its class archive, C1, the serial collector) also makes each of the
   * suite's hundreds of short runs start faster.
   */
  static ProcessRunner.Result run(List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    Path root = ExternalTools.repoRoot();
    List<String> cmd = new ArrayList<>();
    Map<String, String> environment = new HashMap<>(env);
    if (jar().toAbsolutePath().normalize().equals(root.resolve("generator/target/tintype.jar"))) {
      cmd.add(root.resolve("scripts/tintype").toString());
      environment.put("TINTYPE_JAVA_OPTS", String.join(" ", jvmOptions));
    } else {
      cmd.add("java");
      cmd.addAll(jvmOptions);
      cmd.addAll(List.of("-jar", jar().toString()));
    }
    cmd.addAll(List.of(args));
    return ProcessRunner.run(Duration.ofMinutes(5), Path.of("."), environment, cmd);
  }

  /**
   * Exports each date of {@code repo} with {@code from}'s config to its own directory under {@code
   * media}, then imports them in order with {@code to}'s config, as an air-gapped transfer does.
   */
  static void exportAndImport(Path from, Path to, String repo, Path media, String... dates)
      throws IOException {
    for (String date : dates) {
      run(
              "export",
              "--config",
              from.toString(),
              "--repo",
              repo,
              "--date",
              date,
              "--out",
              media.resolve(date).toString())
          .requireSuccess();
    }
    for (String date : dates) {
      run("import", "--config", to.toString(), media.resolve(date).toString()).requireSuccess();
    }
  }

  /**
   * Starts a command (sync, export, import) that stalls at {@code point}, as {@link StallingMain}
   * describes; returns once it says so.
   */
  static Process startStalled(String point, String... args)
      throws IOException, InterruptedException {
    return startStalled(Map.of(), point, args);
  }

  /** As {@link #startStalled(String, String...)}, with these environment variables added. */
  static Process startStalled(Map<String, String> env, String point, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx256m",
                "-cp",
                jar() + File.pathSeparator + testClasses(),
                StallingMain.class.getName(),
                point));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = r.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("stalled at " + point)) {
        return p;
      }
    }
    p.waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("tintype never reached " + point + ":\n" + seen);
  }

  /** Where the test classes, {@link StallingMain} among them, were loaded from. */
  private static Path testClasses() {
    try {
      return Path.of(
          StallingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
