package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory stays flat: a bundle of several hundred MiB goes out and in with a 128 MiB heap. */
@Tag("e2e")
class BundleMemoryIT {
  private static final String DATE = "2026-11-27";
  private static final int PACKAGE_MIB = 110;

  @TempDir Path tmp;

  @Test
  void exportAndImportOfA330MiBBundleRunInA128MiBHeap() throws IOException {
    Path up = tmp.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    for (String name : List.of("bigA", "bigB", "bigC")) {
      upstream.add(CranPackage.of(name, "1.0").sizeKiB(PACKAGE_MIB * 1024));
    }
    upstream.add(CranPackage.of("small", "0.1")).write();
    Path configA =
        BundleRoundTripIT.config(
            tmp.resolve("a.yaml"), tmp.resolve("A"), "cran", "cran", up.toUri().toString());
    Path configB =
        BundleRoundTripIT.config(
            tmp.resolve("b.yaml"), tmp.resolve("B"), "cran", "cran", "https://unused.example");
    Cli.run("sync", "--config", configA.toString(), "--date", DATE).requireSuccess();
    Path media = tmp.resolve("media");

    ProcessRunner.Result export =
        small(
            "export",
            "--config",
            configA.toString(),
            "--chunk-size",
            "128M",
            "--out",
            media.toString());
    ProcessRunner.Result imported =
        small("import", "--config", configB.toString(), media.toString());

    long bytes = 0;
    int chunks = 0;
    try (Stream<Path> s = Files.list(media)) {
      for (Path p : s.toList()) {
        bytes += Files.size(p);
        chunks += p.getFileName().toString().endsWith(".tar") ? 1 : 0;
      }
    }
    System.out.printf(
        "bundle: %d chunks, %d bytes; export %s; import %s%n",
        chunks, bytes, maxRss(export), maxRss(imported));
    assertThat(bytes).isGreaterThan(3L * PACKAGE_MIB << 20);
    assertThat(chunks).isEqualTo(3);
    assertThat(imported.stdout()).contains("imported cran/" + DATE + ": 4 files stored");
    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("cran/" + DATE + ": ok");
    assertThat(
            Files.mismatch(
                tmp.resolve("A/cran/" + DATE + "/manifest.json"),
                tmp.resolve("B/cran/" + DATE + "/manifest.json")))
        .isEqualTo(-1);
  }

  /** Runs the jar with {@code -Xmx128m}, under {@code /usr/bin/time} where there is one. */
  private static ProcessRunner.Result small(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    if (timed) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M"));
    }
    cmd.addAll(
        List.of("java", "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-jar", Cli.jar().toString()));
    cmd.addAll(List.of(args));
    return ProcessRunner.run(Duration.ofMinutes(10), Path.of("."), Map.of(), cmd).requireSuccess();
  }

  private static String maxRss(ProcessRunner.Result r) {
    int i = r.stderr().indexOf("MAXRSS_KB=");
    return i < 0 ? "max RSS unknown" : "max RSS " + r.stderr().substring(i + 10).strip() + " KiB";
  }
}
