package dev.tintype.cli;

import dev.tintype.config.RepoType;
import dev.tintype.sync.Mirror;
import java.util.Map;

/** The CLI's mirrors, for tests in other packages. */
public final class MirrorsForTests {
  private MirrorsForTests() {}

  public static Map<RepoType, Mirror> all() {
    return Commands.mirrors();
  }
}
