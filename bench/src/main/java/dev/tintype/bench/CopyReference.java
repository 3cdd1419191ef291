package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor of a nightly that keeps a snapshot a self-contained tree of plain files and hard links:
 * {@code cp -al} of the previous snapshot's tree, the reference for tintype's PyPI nightly. Its
 * copy is deleted afterwards (not timed).
 */
final class CopyReference {
  private CopyReference() {}

  /** tintype's nightly against {@code cp -al} of {@code previous}, a dated snapshot directory. */
  static Figure pypiNightly(Work w, String size, Path previous, Proc.Run tintypeNightly)
      throws IOException {
    String name = "PyPI nightly vs cp -al, " + size + ", 1% changed";
    String goal = "≤ 1.25× `cp -al`";
    if (Work.which("cp").isEmpty()) {
      return Figure.skipped(name, goal + "; skipped: cp is not on the PATH");
    }
    if (!Files.isDirectory(previous)) {
      return Figure.skipped(name, goal + "; skipped: no previous snapshot at " + previous);
    }
    Path copy = w.dir().resolve("cp-al");
    w.settle();
    Proc.Run cp = w.run(List.of("cp", "-al", previous.toString(), copy.toString())).requireOk();
    w.info("cp -al of the previous PyPI snapshot: " + Figure.seconds(cp.seconds()));
    w.run(List.of("rm", "-rf", "--", copy.toString())).requireOk();
    double ratio = tintypeNightly.seconds() / cp.seconds();
    return new Figure(
        name,
        Figure.seconds(tintypeNightly.seconds()),
        Figure.seconds(cp.seconds()) + " (`cp -al` of the previous snapshot's tree)",
        Figure.times(ratio) + " the copy",
        goal,
        Figure.Verdict.of(ratio <= 1.25));
  }
}
