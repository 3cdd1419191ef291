package dev.tintype.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.SmallHeapJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeBundleTest {
  /**
   * 300,000 pool files and links: their entries alone take over 100 MB as objects, so an export or
   * import that holds them, or a table of contents read whole, fails at -Xmx32m.
   */
  @Test
  void exportingAndImportingAHugeSnapshotFitInASmallHeap(@TempDir Path root) throws Exception {
    ProcessRunner.Result r =
        SmallHeapJvm.run("32m", LargeBundleCheck.class, root.toString(), "300000");
    String out = r.stdout() + r.stderr();
    assertThat(r.exitCode()).as(out).isZero();
    assertThat(out)
        .contains("300001 files in the bundle, 300000 stored, 300000 linked, 1 committed");
  }
}
