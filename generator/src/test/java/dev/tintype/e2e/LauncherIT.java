package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/tintype}, run from a copy of the checkout's layout so its class-data archive lands
 * in a temp dir: the first successful run writes the archive, later runs use it silently.
 */
@Tag("e2e")
class LauncherIT {
  @TempDir Path home;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    Path scripts = Files.createDirectories(home.resolve("scripts"));
    for (String f : List.of("tintype", "tintype-jit.json")) {
      Files.copy(ExternalTools.repoRoot().resolve("scripts").resolve(f), scripts.resolve(f));
    }
    Path target = Files.createDirectories(home.resolve("generator/target"));
    Files.copy(Cli.jar(), target.resolve("tintype.jar"));
    Path up = ExternalTools.repoRoot().resolve("test-fixtures/demo-upstream/cran");
    config = home.resolve("tintype.yaml");
    Files.writeString(
        config,
        "storage: {filesystem: '"
            + home.resolve("mirror")
            + "'}\nrepos:\n  - {name: cran, type: cran, upstream: '"
            + up.toUri()
            + "'}\n");
  }

  @Test
  void theFirstRunWritesTheClassArchiveAndTheNextRunsUseItQuietly() throws IOException {
    ProcessRunner.Result first = launch(Map.of(), "sync", "--config", config.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    Path jsa = home.resolve("generator/target/tintype.jsa");
    assertThat(jsa).isNotEmptyFile();
    assertThat(leftovers()).isEmpty();

    ProcessRunner.Result second =
        launch(Map.of(), "sync", "--config", config.toString(), "--date", "2030-01-02");
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).contains("published cran/2030-01-02");
    assertThat(second.stdout() + second.stderr()).doesNotContainIgnoringCase("sharing");
    assertThat(second.stdout() + second.stderr()).doesNotContainIgnoringCase("cds");
  }

  @Test
  void theNextRunsLoadTintypesClassesFromTheArchive() throws IOException {
    ProcessRunner.Result first = launch(Map.of(), "sync", "--config", config.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();

    // -Xshare:on makes an archive the JVM cannot use an error instead of a silent fallback.
    assertThat(nextSyncLoggingClassLoads(Map.of(), "-Xshare:on"))
        .containsPattern("dev\\.tintype\\.cli\\.Main source: shared objects file \\(top\\)");
  }

  @Test
  void tintypesOwnMethodsAreCompiledByC1AloneAndTheVmsOutputGoesToStderr() throws IOException {
    ProcessRunner.Result r =
        launch(
            Map.of("TINTYPE_JAVA_OPTS", "-XX:+PrintCompilation", "TINTYPE_CDS", "0"),
            "sync",
            "--config",
            config.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).doesNotContain("compiler directives").doesNotContain("dev.tintype.");
    // C2 is refused for every tintype method it is offered, and C1 compiles them instead.
    assertThat(r.stderr()).containsPattern("made not compilable on level 4 +dev\\.tintype\\.");
    List<String> levels =
        r.stderr()
            .lines()
            .filter(l -> !l.contains("not compilable") && !l.contains("compile:"))
            .map(l -> List.of(l.trim().split("\\s+")))
            .flatMap(
                t ->
                    java.util.stream.IntStream.range(1, t.size())
                        .filter(i -> t.get(i).startsWith("dev.tintype."))
                        .mapToObj(i -> t.get(i - 1)))
            .toList();
    assertThat(levels).contains("1").doesNotContain("4");
  }

  @Test
  void c1GetsMoreThanTheOneCompilerThreadHotSpotGivesItOnTwoCores() throws IOException {
    ProcessRunner.Result r =
        launch(
            Map.of("TINTYPE_JAVA_OPTS", "-XX:+PrintFlagsFinal", "TINTYPE_CDS", "0"),
            "list",
            "--config",
            config.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    // A third of them C1's: four threads, started only while its queue is long.
    assertThat(r.stderr()).containsPattern("CICompilerCount\\s+= 12 ");
  }

  @Test
  void withoutItsJitDirectivesTheLauncherStopsTheJitAtC1() throws IOException {
    Files.delete(home.resolve("scripts/tintype-jit.json"));
    ProcessRunner.Result r =
        launch(
            Map.of("TINTYPE_JAVA_OPTS", "-XX:+PrintFlagsFinal", "TINTYPE_CDS", "0"),
            "list",
            "--config",
            config.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).containsPattern("TieredStopAtLevel\\s+= 1 ");
  }

  @Test
  void theArchiveHoldsTheHttpAndS3ClientsEvenWhenItsRunHadOnlyFileUpstreams() throws IOException {
    ProcessRunner.Result first = launch(Map.of(), "sync", "--config", config.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    Path target = home.resolve("generator/target");
    ProcessRunner.Result listing =
        ProcessRunner.run(
            Duration.ofMinutes(1),
            home,
            Map.of(),
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + target.resolve("tintype.jsa"),
                "-XX:+PrintSharedArchiveAndExit",
                "-jar",
                target.resolve("tintype.jar").toString()));
    assertThat(listing.stdout()).containsPattern("okhttp3\\.OkHttpClient app_loader");
    // The S3 client's too, through the requests and responses of a sync.
    assertThat(listing.stdout())
        .containsPattern(
            "software\\.amazon\\.awssdk\\.services\\.s3\\.model\\.PutObjectRequest app_loader")
        .containsPattern("s3\\.model\\.ListObjectsV2Response app_loader")
        .containsPattern("signer\\.DefaultAwsV4HttpSigner app_loader");
  }

  @Test
  void aFailedRunLeavesNoArchiveBehind() throws IOException {
    ProcessRunner.Result bad = launch(Map.of(), "nonsense");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("unknown command 'nonsense'");
    assertThat(home.resolve("generator/target/tintype.jsa")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void javaOptionsFromTheEnvironmentReachTheJvm() throws IOException {
    ProcessRunner.Result r =
        launch(
            Map.of("TINTYPE_JAVA_OPTS", "-Xmx1m", "TINTYPE_CDS", "0"),
            "list",
            "--config",
            config.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("heap");
  }

  @Test
  void onJdk25TheFirstRunWritesAnAotCacheQuietlyAndTheNextRunsLoadFromIt() throws IOException {
    Path jdk = jdk25OrLater();
    String version = javaVersion(jdk).orElseThrow();
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());

    ProcessRunner.Result first = launch(env, "sync", "--config", config.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    Path aot = home.resolve("generator/target/tintype.jdk-" + version + ".aot");
    assertThat(aot).isNotEmptyFile();
    assertThat(home.resolve("generator/target/tintype.jsa")).doesNotExist();
    try (Stream<Path> s = Files.list(home.resolve("generator/target"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tintype.jar", aot.getFileName().toString());
    }
    // The recording JVM's report and warnings stay out of the user's terminal.
    assertThat(first.stdout()).doesNotContainIgnoringCase("aot");
    assertThat(first.stderr()).doesNotContainIgnoringCase("aot");

    // -XX:AOTMode=on makes a cache the JVM cannot use an error instead of a silent fallback.
    assertThat(nextSyncLoggingClassLoads(Map.of("JAVA_HOME", jdk.toString()), "-XX:AOTMode=on"))
        .containsPattern("dev\\.tintype\\.cli\\.Main source: shared objects file");
  }

  @Test
  void tintypeJavaChoosesTheJvmAndOneThatIsNotThereIsNamed() throws IOException {
    ProcessRunner.Result r =
        launch(
            Map.of("TINTYPE_JAVA", home.resolve("no-such-java").toString()),
            "list",
            "--config",
            config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr())
        .contains("'" + home.resolve("no-such-java") + "' is not an executable")
        .contains("TINTYPE_JAVA");
  }

  /** A JDK 25 or later under /usr/lib/jvm, where Debian and Temurin's packages put theirs. */
  private static Path jdk25OrLater() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    Assumptions.assumeTrue(Files.isDirectory(jvms), "no /usr/lib/jvm");
    try (Stream<Path> s = Files.list(jvms)) {
      Optional<Path> found =
          s.filter(p -> !Files.isSymbolicLink(p))
              .filter(p -> Files.isExecutable(p.resolve("bin/java")))
              .filter(p -> javaVersion(p).map(v -> feature(v) >= 25).orElse(false))
              .sorted()
              .findFirst();
      Assumptions.assumeTrue(found.isPresent(), "no JDK 25 or later under /usr/lib/jvm");
      return found.get();
    }
  }

  private static Optional<String> javaVersion(Path jdk) {
    try {
      return Files.readAllLines(jdk.resolve("release")).stream()
          .filter(l -> l.startsWith("JAVA_VERSION=\""))
          .map(l -> l.substring("JAVA_VERSION=\"".length(), l.lastIndexOf('"')))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int feature(String version) {
    String major = version.split("\\.", 2)[0];
    return major.matches("\\d+") ? Integer.parseInt(major) : 0;
  }

  /** A second day's sync, with {@code jvmOption} and class loading logged; its stdout. */
  private String nextSyncLoggingClassLoads(Map<String, String> env, String jvmOption)
      throws IOException {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("TINTYPE_JAVA_OPTS", jvmOption + " -Xlog:class+load=info:stdout");
    ProcessRunner.Result r =
        launch(all, "sync", "--config", config.toString(), "--date", "2030-01-02");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("published cran/2030-01-02");
    return r.stdout();
  }

  private ProcessRunner.Result launch(Map<String, String> env, String... args) throws IOException {
    List<String> cmd =
        new java.util.ArrayList<>(List.of(home.resolve("scripts/tintype").toString()));
    cmd.addAll(List.of(args));
    return ProcessRunner.run(Duration.ofMinutes(2), home, env, cmd);
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("generator/target"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
