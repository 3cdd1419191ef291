package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.SmallHeapJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first sync's memory does not grow with the pages it planned: the pages wait in scratch while
 * their files download. Here the planned pages come to about 70 MB as objects (every file yanked
 * with a 30,000-character reason), more than the JVM's whole heap.
 */
class PypiFirstSyncMemoryTest {
  private static final int PROJECTS = 600;
  private static final String REASON = "r".repeat(30_000);

  @Test
  void aFirstSyncWhosePlannedPagesOutgrowTheHeapCompletes(
      @TempDir Path upstreamDir, @TempDir Path root) throws Exception {
    PypiUpstream upstream = new PypiUpstream(upstreamDir);
    List<String> args = new ArrayList<>(List.of(root.toString(), "", "2026-11-26"));
    for (int i = 0; i < PROJECTS; i++) {
      String project = "proj-" + i;
      upstream.add(project, PypiFile.wheel(project, "1.0").yanked(REASON));
      upstream.add(project, PypiFile.sdist(project, "1.0").yanked(REASON));
      args.add(project);
    }
    upstream.write();
    try (FakeUpstream server = FakeUpstream.serve(upstreamDir)) {
      args.set(1, server.url());
      ProcessRunner.Result r =
          SmallHeapJvm.run("48m", LargeNightlyCheck.class, args.toArray(new String[0]));

      String out = r.stdout() + r.stderr();
      assertThat(r.exitCode()).as(out).isZero();
      assertThat(out).contains((2 * PROJECTS) + " pool files");
    }
  }
}
