package dev.tintype.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The floor of a nightly that keeps a snapshot a self-contained tree of plain files and hard links:
 * {@code cp -al} of the previous snapshot's tree, the reference for tintype's PyPI nightly. Its
 * copies are kept until the work directory goes: on a file system without a journal, ext4 skips the
 * inodes freed in the last minutes when it allocates new ones, and a deleted tree of 300,000 inodes
 * made the runs after it pay for that.
 */
final class CopyReference {
  static final String NAME = "PyPI nightly vs cp -al";
  private static final String GOAL = "≤ 1.25× `cp -al`";

  private CopyReference() {}

  /** Why the reference cannot run, if it cannot. */
  static Optional<String> unavailable() {
    return Work.which("cp").isEmpty() ? Optional.of("cp is not on the PATH") : Optional.empty();
  }

  /** One timed {@code cp -al} of {@code previous}, a dated snapshot directory, to a new name. */
  static Proc.Run copy(Work w, Path previous, int round) throws IOException {
    if (!Files.isDirectory(previous)) {
      throw new IOException("no previous snapshot at " + previous);
    }
    Path copy = w.dir().resolve("cp-al-" + round);
    return w.timed(
        "cp -al of the previous PyPI snapshot " + round,
        List.of("cp", "-al", previous.toString(), copy.toString()));
  }

  /** The row: tintype's nightlies against the copies, pair by pair. */
  static Figure pypiNightly(String size, Pairs pairs) {
    String name = NAME + ", " + size + ", 1% changed";
    Optional<String> why = unavailable();
    if (why.isPresent()) {
      return Figure.skipped(name, GOAL + "; skipped: " + why.get());
    }
    return new Figure(
        name,
        pairs.tintype(),
        pairs.reference() + " (`cp -al` of the previous snapshot's tree)",
        pairs.ratios() + " the copy",
        GOAL,
        Figure.Verdict.of(pairs.ratio() <= 1.25));
  }
}
