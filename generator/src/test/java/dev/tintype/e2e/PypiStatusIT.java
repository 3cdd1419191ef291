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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simple API 1.4 pages served by nginx to real pip: status markers, quarantine. */
@Tag("e2e")
class PypiStatusIT {
  @TempDir Path tmp;

  @Test
  void pipInstallsFrom14PagesAndCannotInstallAQuarantinedProject() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream upstream = PypiUpstream.demo(up);
    Path root = tmp.resolve("root");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path config = tmp.resolve("tintype.yaml");
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
              + server.url()
              + "\n    projects: [Demo.Pkg, tiny_dep, Other_Thing]\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-26").requireSuccess();
      upstream
          .status("Demo.Pkg", "deprecated", "use \"other\" <instead>")
          .status("Other_Thing", "quarantined", "malware")
          .write();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-27").requireSuccess();
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      String dated = nginx.url() + "/pypi/2026-11-27/simple/";
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, dated, "demo-pkg").requireSuccess();
      assertThat(distInfos(t1)).contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");

      ProcessRunner.Result refused = Pip.install(tmp.resolve("t2"), dated, "other-thing");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stdout() + refused.stderr())
          .contains("No matching distribution found for other-thing");

      // The snapshot from before the quarantine still serves the project.
      Path t3 = tmp.resolve("t3");
      Pip.install(t3, nginx.url() + "/pypi/2026-11-26/simple/", "other-thing").requireSuccess();
      assertThat(distInfos(t3)).anyMatch(n -> n.startsWith("other_thing-3.1.4"));
    }
  }

  private static java.util.List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
