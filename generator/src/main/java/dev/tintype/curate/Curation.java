package dev.tintype.curate;

import java.util.List;

/**
 * What one repository's configuration approves and forbids. For CRAN and Bioconductor: {@code
 * packages} (empty: every upstream package) closed over their strong dependencies, with the {@code
 * Suggests} of the approved packages when {@code suggests}, and without what {@code block} names.
 * See docs/curation.md for the exact semantics.
 */
public record Curation(List<String> packages, boolean suggests, List<RRequirement> block) {
  /** No curation: the repository mirrors everything upstream lists, as before. */
  public static final Curation NONE = new Curation(List.of(), false, List.of());

  public Curation {
    packages = List.copyOf(packages);
    block = List.copyOf(block);
  }

  /** Whether anything is filtered at all. */
  public boolean isActive() {
    return !packages.isEmpty() || !block.isEmpty();
  }
}
