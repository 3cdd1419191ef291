package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.SmallHeapJvm;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly sync's memory does not grow with the last snapshot: one whose manifest lists 300,000
 * pool files (over 100 MB as objects) is carried forward in a JVM of 64 MB, the heap the issue sets
 * for all of PyPI.
 */
class PypiNightlyMemoryTest {
  private static final int EXTRA = 300_000;
  private static final List<String> PROJECTS = List.of("Demo.Pkg", "tiny-dep", "Other_Thing");

  @Test
  void aNightlyOverAHugeLastSnapshotFitsInASmallHeap(@TempDir Path upstreamDir, @TempDir Path root)
      throws Exception {
    PypiUpstream upstream = PypiUpstream.demo(upstreamDir);
    try (FakeUpstream server = FakeUpstream.serve(upstreamDir)) {
      LargeNightlyCheck.sync(root, server.url(), PROJECTS, "2026-11-26");
      long before =
          inflate(root.resolve(Layout.manifest(LargeNightlyCheck.PYPI, day("2026-11-26"))));
      upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();

      List<String> args = new ArrayList<>(List.of(root.toString(), server.url(), "2026-11-27"));
      args.addAll(PROJECTS);
      ProcessRunner.Result r =
          SmallHeapJvm.run("64m", LargeNightlyCheck.class, args.toArray(new String[0]));

      String out = r.stdout() + r.stderr();
      assertThat(r.exitCode()).as(out).isZero();
      // Every pool file of the last snapshot is carried, and the new wheel joined them.
      assertThat(out).contains((before + 1) + " pool files");
    }
  }

  private static SnapshotDate day(String d) {
    return SnapshotDate.parse(d);
  }

  /** Adds {@link #EXTRA} pool files to a manifest; returns how many it lists then. */
  private static long inflate(Path manifest) throws Exception {
    Manifest m;
    try (InputStream in = Files.newInputStream(manifest)) {
      m = ManifestJson.read(in, manifest.toString());
    }
    List<FileEntry> pool = new ArrayList<>(m.pool());
    for (int i = 0; i < EXTRA; i++) {
      String sha = String.format(Locale.ROOT, "%064x", i);
      pool.add(
          new FileEntry(
              Layout.poolFile(new dev.tintype.format.layout.Sha256(sha), "f-" + i + ".whl"),
              1,
              sha,
              null));
    }
    pool.sort(java.util.Comparator.comparing(FileEntry::path));
    try (OutputStream out = Files.newOutputStream(manifest)) {
      ManifestJson.write(m, m.files(), m.links(), pool, out);
    }
    return pool.size();
  }
}
