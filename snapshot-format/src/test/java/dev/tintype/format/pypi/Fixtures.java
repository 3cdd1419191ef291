package dev.tintype.format.pypi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real-world fixtures, a sibling {@code shared/fixtures} of some ancestor. */
final class Fixtures {
  private Fixtures() {}

  static Path pypi() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/fixtures/pypi");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(false, "shared/fixtures/pypi not found above the module directory; skipping");
    throw new AssertionError("unreachable");
  }
}
