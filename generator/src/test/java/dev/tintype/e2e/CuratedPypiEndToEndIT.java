package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A requirements-curated PyPI snapshot through the CLI, served by nginx, installed by real pip. */
@Tag("e2e")
class CuratedPypiEndToEndIT {
  @TempDir Path tmp;

  @Test
  void pipResolvesOnlyAllowedVersionsAndRefusesABlockedOne() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream.curationDemo(up);
    Path root = tmp.resolve("root");
    Files.writeString(tmp.resolve("approved.txt"), "# approved Python\napp  # the app\n");
    Path config = tmp.resolve("tintype.yaml");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
              + server.url()
              + "\n    requirements-file: approved.txt\n    python: ['3.11', '3.12']\n"
              + "    platforms: [manylinux_2_28_x86_64]\n    block: ['lib==1.1']\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      String index = nginx.url() + "/pypi/2026-11-20/simple/";
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, index, "app").requireSuccess();
      assertThat(distInfos(t1)).containsExactlyInAnyOrder("app-1.0.dist-info", "lib-1.0.dist-info");

      ProcessRunner.Result blocked = Pip.install(tmp.resolve("t2"), index, "lib==1.1");
      assertThat(blocked.exitCode()).isNotZero();
      assertThat(blocked.stdout() + blocked.stderr())
          .contains("No matching distribution found for lib==1.1");

      ProcessRunner.Result unapproved = Pip.install(tmp.resolve("t3"), index, "unrelated");
      assertThat(unapproved.exitCode()).isNotZero();
      assertThat(unapproved.stdout() + unapproved.stderr())
          .contains("No matching distribution found for unrelated");
    }
  }

  private static List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
