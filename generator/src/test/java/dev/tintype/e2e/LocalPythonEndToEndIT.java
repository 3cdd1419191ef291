package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.LocalPythonDir;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.PypiFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local directory of wheels, real syncs, export and import, real nginx, real pip. */
@Tag("e2e")
class LocalPythonEndToEndIT {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  @TempDir Path tmp;

  @Test
  void pipInstallsAWheelAndItsDependencyFromDatedLocalSnapshotsAndFromAnImportedCopy()
      throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    LocalPythonDir dir = new LocalPythonDir(tmp.resolve("internal/python"));
    dir.add(
        PypiFile.wheel("our-tool", "1.0")
            .uploaded(T)
            .requiresPython(">=3.8")
            .dependsOn("tiny-dep>=0.1"));
    dir.add(PypiFile.sdist("our-tool", "1.0").uploaded(T).requiresPython(">=3.8"));
    dir.add(PypiFile.wheel("tiny-dep", "0.2").uploaded(T));
    dir.write("README.txt", "our internal wheels\n".getBytes(StandardCharsets.UTF_8), T);
    Path root = tmp.resolve("root");
    Path config = config("a.yaml", root, dir.dir());

    Cli.run("sync", "--config", config.toString(), "--date", "2026-12-01").requireSuccess();
    Map<String, String> firstDate = BundleRoundTripIT.tree(root.resolve("internal-py/2026-12-01"));
    dir.add(
        PypiFile.wheel("our-tool", "1.1")
            .uploaded(T.plusSeconds(86400))
            .dependsOn("tiny-dep>=0.1"));
    Cli.run("sync", "--config", config.toString(), "--date", "2026-12-02").requireSuccess();
    // The new file is in the new date only: the older date keeps every byte.
    assertThat(BundleRoundTripIT.tree(root.resolve("internal-py/2026-12-01"))).isEqualTo(firstDate);
    assertThat(BundleRoundTripIT.tree(root.resolve("internal-py/2026-12-02")))
        .containsKey("simple/our-tool/index.html")
        .isNotEqualTo(firstDate);
    Cli.run("verify", "--config", config.toString()).requireSuccess();

    Path rootB = tmp.resolve("rootB");
    Path configB = config("b.yaml", rootB, dir.dir());
    Cli.exportAndImport(config, configB, "internal-py", tmp.resolve("media"), "2026-12-02");

    try (NginxServer nginx = NginxServer.start(root)) {
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, nginx.url() + "/internal-py/2026-12-01/simple/", "our-tool").requireSuccess();
      assertThat(distInfos(t1)).contains("our_tool-1.0.dist-info", "tiny_dep-0.2.dist-info");

      Path t2 = tmp.resolve("t2");
      Pip.install(t2, nginx.url() + "/internal-py/latest/simple/", "Our_Tool").requireSuccess();
      assertThat(distInfos(t2)).contains("our_tool-1.1.dist-info", "tiny_dep-0.2.dist-info");
    }
    try (NginxServer nginx = NginxServer.start(rootB)) {
      Path t3 = tmp.resolve("t3");
      Pip.install(t3, nginx.url() + "/internal-py/2026-12-02/simple/", "our-tool").requireSuccess();
      assertThat(distInfos(t3)).contains("our_tool-1.1.dist-info", "tiny_dep-0.2.dist-info");
    }
  }

  private Path config(String name, Path root, Path python) throws Exception {
    Path config = tmp.resolve(name);
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos:\n  - name: internal-py\n    type: local-python\n    path: "
            + python
            + "\n");
    return config;
  }

  private static List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
