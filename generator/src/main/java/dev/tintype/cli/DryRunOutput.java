package dev.tintype.cli;

import dev.tintype.dryrun.Estimate;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints what {@code sync --dry-run} found, one block per repository. */
final class DryRunOutput {
  /** How many reasons for leaving things out are printed per repository. */
  static final int TOP_REASONS = 5;

  private DryRunOutput() {}

  private static String bytes(Estimate e) {
    if (e.unknownSizes() == 0) {
      return e.fetchBytes() + " bytes";
    }
    return e.fetchBytes()
        + " bytes, and "
        + e.unknownSizes()
        + (e.unknownSizes() == 1 ? " file" : " files")
        + " of unknown size";
  }

  static ExitCode print(List<Estimate> estimates, PrintStream out) {
    for (Estimate e : estimates) {
      if (!e.note().isEmpty()) {
        out.println(e.repo() + ": dry run: " + e.note());
        continue;
      }
      out.println(
          "%s: dry run: would keep %d packages in %d files; fetch %d files (%s), %d already in the pool (%d bytes)"
              .formatted(
                  e.repo(),
                  e.packages(),
                  e.files(),
                  e.fetchFiles(),
                  bytes(e),
                  e.files() - e.fetchFiles(),
                  e.carriedBytes()));
      Map<String, Long> top = e.topReasons(TOP_REASONS);
      if (top.isEmpty()) {
        out.println(e.repo() + ": dry run: leaves nothing out");
      }
      top.forEach(
          (reason, n) -> out.println(e.repo() + ": dry run: leaves out " + n + ": " + reason));
    }
    out.println("dry run: nothing was written");
    return ExitCode.OK;
  }
}
