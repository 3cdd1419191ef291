package dev.tintype.cli;

import dev.tintype.bioc.BiocMirror;
import dev.tintype.config.RepoType;
import dev.tintype.cran.CranMirror;
import dev.tintype.local.LocalPythonMirror;
import dev.tintype.local.LocalRMirror;
import dev.tintype.pypi.PypiMirror;
import dev.tintype.sync.Mirror;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands are built with: a mirror per repository type and a decorator of the progress
 * listeners. {@link Main#main} uses {@link #standard()}; tests pass their own.
 */
public record Wiring(Map<RepoType, Mirror> mirrors, ListenerDecorator listeners) {
  public Wiring {
    mirrors = Map.copyOf(mirrors);
    Objects.requireNonNull(listeners, "listeners");
  }

  /** Every repository type tintype mirrors, and no decorator. */
  public static Wiring standard() {
    return new Wiring(
        Map.of(
            RepoType.CRAN, new CranMirror(),
            RepoType.PYPI, new PypiMirror(),
            RepoType.LOCAL_PYTHON, new LocalPythonMirror(),
            RepoType.BIOCONDUCTOR, new BiocMirror(),
            RepoType.LOCAL_R, new LocalRMirror()),
        ListenerDecorator.NONE);
  }

  public Wiring withListeners(ListenerDecorator decorator) {
    return new Wiring(mirrors, decorator);
  }
}
