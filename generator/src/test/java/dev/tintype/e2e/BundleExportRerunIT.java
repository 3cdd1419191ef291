package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real export SIGKILLed midway, rerun into the same --out, and imported on a fresh root. */
class BundleExportRerunIT {
  private static final String D1 = "2026-11-27";

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static Path configA;

  @BeforeAll
  static void syncOnA() throws IOException {
    Path up = shared.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1.0." + i).sizeKiB(40));
    }
    upstream.write();
    configA =
        BundleRoundTripIT.config(
            shared.resolve("a.yaml"), shared.resolve("A"), "cran", "cran", up.toUri().toString());
    Cli.run("sync", "--config", configA.toString(), "--date", D1).requireSuccess();
  }

  private static String[] export(Path out) {
    return new String[] {
      "export",
      "--config",
      configA.toString(),
      "--date",
      D1,
      "--chunk-size",
      "64K",
      "--out",
      out.toString()
    };
  }

  @Test
  void anExportKilledMidwayIsRedoneByARerunIntoTheSameDirectoryAndItsBundleImports()
      throws Exception {
    Path out = tmp.resolve("usb/d1");
    Process p = Cli.startStalled("export:chunk:2", export(out));
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out.resolve("tintype-bundle.partial")).exists();
    assertThat(out.resolve("chunk-0001.tar")).exists();
    assertThat(out.resolve("tintype-bundle.json")).doesNotExist();
    Path configB =
        BundleRoundTripIT.config(
            tmp.resolve("b.yaml"), tmp.resolve("B"), "cran", "cran", "https://unused.example");
    ProcessRunner.Result early = Cli.run("import", "--config", configB.toString(), out.toString());
    assertThat(early.exitCode()).as(early.stdout() + early.stderr()).isEqualTo(1);
    assertThat(early.stderr()).contains("its export did not finish; rerun the export into it");

    ProcessRunner.Result rerun = Cli.run(export(out));

    assertThat(rerun.exitCode()).as(rerun.stdout() + rerun.stderr()).isZero();
    assertThat(rerun.stdout()).contains("cleared an unfinished export in " + out);
    assertThat(out.resolve("tintype-bundle.partial")).doesNotExist();
    Cli.run("import", "--config", configB.toString(), out.toString()).requireSuccess();
    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("cran/" + D1 + ": ok");
    assertThat(BundleRoundTripIT.tree(tmp.resolve("B")))
        .isEqualTo(BundleRoundTripIT.tree(shared.resolve("A")));
  }

  @Test
  void anExportIntoADirectoryHoldingAnUnrelatedFileIsRefusedNamingIt() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("usb/photos"));
    Files.writeString(out.resolve("holiday.jpg"), "not a bundle");

    ProcessRunner.Result r = Cli.run(export(out));

    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).contains(out + " is not empty: it holds 'holiday.jpg'");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactly("holiday.jpg");
    }
    assertThat(Files.readString(out.resolve("holiday.jpg"))).isEqualTo("not a bundle");
  }
}
