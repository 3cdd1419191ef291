package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code projects: all} PyPI mirror, two nights, served by nginx, installed by real pip. */
@Tag("e2e")
class AllProjectsPypiEndToEndIT {
  @TempDir Path tmp;

  @Test
  void pipInstallsFromEachNightsSnapshotWhatUpstreamHadThenLessTheBlockedVersions()
      throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream upstream = PypiUpstream.curationDemo(up);
    Path root = tmp.resolve("root");
    Path config = tmp.resolve("tintype.yaml");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: "
              + root
              + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
              + server.url()
              + "\n    projects: all\n    prereleases: false\n    block: ['lib==1.1']\n");
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-20").requireSuccess();
      upstream.add("lib", PypiFile.wheel("lib", "1.2").withMetadata()).write();
      server.resetCounts();
      Cli.run("sync", "--config", config.toString(), "--date", "2026-11-21").requireSuccess();
      assertThat(server.requestCount("/simple/app/")).as("unchanged: carried unread").isZero();
      assertThat(server.requestCount("/simple/lib/")).isEqualTo(1);
      Cli.run("verify", "--config", config.toString()).requireSuccess();
    }
    try (NginxServer nginx = NginxServer.start(root)) {
      String night1 = nginx.url() + "/pypi/2026-11-20/simple/";
      String night2 = nginx.url() + "/pypi/2026-11-21/simple/";
      Path t1 = tmp.resolve("t1");
      Pip.install(t1, night1, "app").requireSuccess();
      assertThat(distInfos(t1)).containsExactlyInAnyOrder("app-1.0.dist-info", "lib-1.0.dist-info");
      Path t2 = tmp.resolve("t2");
      Pip.install(t2, night2, "app").requireSuccess();
      assertThat(distInfos(t2)).containsExactlyInAnyOrder("app-1.0.dist-info", "lib-1.2.dist-info");
      Pip.install(tmp.resolve("t3"), night2, "unrelated").requireSuccess();

      for (String refused : List.of("lib==1.1", "lib==2.0rc1")) {
        ProcessRunner.Result r = Pip.install(tmp.resolve("t4"), night2, refused);
        assertThat(r.exitCode()).as(refused).isNotZero();
        assertThat(r.stdout() + r.stderr())
            .contains("No matching distribution found for " + refused);
      }
    }
  }

  private static List<String> distInfos(Path target) throws Exception {
    try (Stream<Path> s = Files.list(target)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).toList();
    }
  }
}
