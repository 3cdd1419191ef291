package dev.tintype.diff;

import dev.tintype.config.RepoType;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Rig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Two PyPI snapshots, 2026-11-20 and 2026-11-21, published by real syncs of a fake upstream with
 * every kind of change between them, and the report and text a diff of them must give.
 */
final class PypiHistory {
  static final String[] EXPECTED_TEXT = {
    "+ fresh-pkg 0.2 (+0.1 +0.2)",
    "- other-thing 3.1.4",
    "^ tiny-dep 0.4 -> 0.5 (+0.5)",
    "v demo-pkg 2.0 -> 1.0 (-2.0)",
    "~ steady 2.0 (-1.0)",
    "* demo-pkg 1.0 demo_pkg-1.0.tar.gz removed",
    "* steady 2.0 steady-2.0.tar.gz added",
    "! demo-pkg 1.0 demo_pkg-1.0-py3-none-any.whl yank reason changed: \"first\" -> \"second\"",
    "! tiny-dep 0.1 tiny_dep-0.1-py3-none-any.whl yanked: \"bad \\\"metadata\\\"\"",
    "! tiny-dep 0.2 tiny_dep-0.2.tar.gz yanked (no reason given)",
    "! tiny-dep 0.3 tiny_dep-0.3-py3-none-any.whl un-yanked (was yanked: \"broken build\")",
    "pypi 2026-11-20 -> 2026-11-21: 1 added, 1 removed, 1 upgraded, 1 downgraded, 1 changed,"
        + " 2 file changes, 4 yank changes"
  };

  private PypiHistory() {}

  // The demo's own files, as PypiUpstream.demo makes them, so that only their yank state changes.
  private static PypiFile demoWheel() {
    return PypiFile.wheel("Demo.Pkg", "1.0")
        .uploaded(Instant.parse("2025-01-10T12:00:00Z"))
        .requiresPython(">=3.8")
        .dependsOn("tiny-dep>=0.1");
  }

  private static Instant day(int n) {
    return Instant.parse("2024-03-01T00:00:00Z").plusSeconds(86400L * n);
  }

  /**
   * Day one: the demo projects (Demo.Pkg 1.0 and 2.0, tiny-dep 0.1 to 0.4 with 0.3 yanked,
   * Other_Thing 3.1.4), with Demo.Pkg's 1.0 wheel yanked, plus steady 1.0 and 2.0 and calm 1.0. Day
   * two: tiny-dep gains 0.5, 0.3 is un-yanked and two files are yanked; Demo.Pkg loses 2.0 and its
   * 1.0 sdist, and its yank reason changes; Other_Thing leaves the config; steady loses 1.0 and
   * gains a 2.0 sdist; fresh-pkg arrives with 0.1 and 0.2; calm does not change.
   */
  static void publish(Storage storage, Path upstreamDir) throws IOException {
    PypiUpstream up = PypiUpstream.demo(upstreamDir);
    up.add("Demo.Pkg", demoWheel().yanked("first"))
        .add("steady", PypiFile.wheel("steady", "1.0"))
        .add("steady", PypiFile.wheel("steady", "2.0"))
        .add("calm", PypiFile.wheel("calm", "1.0"))
        .write();
    try (FakeUpstream server = FakeUpstream.serve(upstreamDir);
        Rig rig = new Rig(storage)) {
      String url = server.url();
      rig.sync(
          Rig.repo(
              "pypi", RepoType.PYPI, url, "Demo.Pkg", "tiny-dep", "Other_Thing", "steady", "calm"),
          "2026-11-20");
      up.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5"))
          .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.3").uploaded(day(2)))
          .add("tiny-dep", PypiFile.sdist("tiny-dep", "0.2").uploaded(day(1)).yanked(""))
          .add(
              "tiny-dep",
              PypiFile.wheel("tiny-dep", "0.1").uploaded(day(0)).yanked("bad \"metadata\""))
          .remove("Demo.Pkg", PypiFile.wheel("Demo.Pkg", "2.0").filename())
          .remove("Demo.Pkg", PypiFile.sdist("Demo.Pkg", "2.0").filename())
          .remove("Demo.Pkg", PypiFile.sdist("Demo.Pkg", "1.0").filename())
          .add("Demo.Pkg", demoWheel().yanked("second"))
          .remove("steady", PypiFile.wheel("steady", "1.0").filename())
          .add("steady", PypiFile.sdist("steady", "2.0"))
          .add("fresh-pkg", PypiFile.wheel("fresh-pkg", "0.1"))
          .add("fresh-pkg", PypiFile.wheel("fresh-pkg", "0.2"))
          .write();
      rig.sync(
          Rig.repo(
              "pypi", RepoType.PYPI, url, "Demo.Pkg", "tiny-dep", "steady", "calm", "fresh-pkg"),
          "2026-11-21");
    }
  }
}
