package dev.tintype.curate;

import java.util.List;

/**
 * What one repository's configuration approves and forbids. For CRAN and Bioconductor: {@code
 * packages} (empty: every upstream package) closed over their strong dependencies, with the {@code
 * Suggests} of the approved packages when {@code suggests}, and without what {@code block} names.
 * For PyPI, {@code pypi}. See docs/curation.md for the exact semantics.
 */
public record Curation(
    List<String> packages, boolean suggests, List<RRequirement> block, PypiCuration pypi) {
  /** No curation: the repository mirrors everything upstream lists, as before. */
  public static final Curation NONE = new Curation(List.of(), false, List.of());

  public Curation {
    packages = List.copyOf(packages);
    block = List.copyOf(block);
    java.util.Objects.requireNonNull(pypi, "pypi");
  }

  /** An R repository's curation. */
  public Curation(List<String> packages, boolean suggests, List<RRequirement> block) {
    this(packages, suggests, block, PypiCuration.NONE);
  }

  /** A PyPI repository's curation. */
  public static Curation pypi(PypiCuration pypi) {
    return new Curation(List.of(), false, List.of(), pypi);
  }

  /** Whether anything is filtered at all. */
  public boolean isActive() {
    return !packages.isEmpty() || !block.isEmpty() || pypi.isActive();
  }
}
