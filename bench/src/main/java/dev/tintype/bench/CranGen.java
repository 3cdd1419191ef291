package dev.tintype.bench;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic CRAN of {@code n} packages shaped like the real one: dependency lists, licenses in
 * CRAN's proportions, some compiled packages, a few without NeedsCompilation, and tarballs from
 * about 1 KiB to 130 KiB. Package {@code i} is the same in every run.
 */
final class CranGen {
  private static final String[] SYLLABLES = {
    "geo", "stat", "plot", "gg", "data", "tidy", "bio", "seq", "rcpp", "fast", "spatial", "time",
    "net", "text", "mix", "boot", "surv", "glm", "bayes", "map", "dt", "xl", "io", "ml"
  };
  private static final String[] LICENSES = {
    "GPL-2",
    "GPL-3",
    "GPL (>= 2)",
    "GPL (>= 3)",
    "MIT + file LICENSE",
    "GPL-2 | GPL-3",
    "LGPL-3",
    "BSD_3_clause + file LICENSE",
    "Apache License (== 2.0)",
    "CC0",
    "AGPL-3",
    "GPL (>= 2)",
    "GPL-3",
    "MIT + file LICENSE"
  };
  private static final String[] BASE = {"stats", "utils", "methods", "graphics", "grDevices"};

  private final int n;
  private final int[] release;
  private final CranUpstream upstream;

  CranGen(Path root, int n) {
    this.n = n;
    this.release = new int[n];
    this.upstream = new CranUpstream(root);
  }

  /** Writes every package and the indexes. */
  CranGen write() throws IOException {
    for (int i = 0; i < n; i++) {
      upstream.add(pkg(i));
    }
    upstream.write();
    return this;
  }

  /** Gives every 100th package a new version (the old one leaves the index); returns how many. */
  int changeOnePercent() throws IOException {
    return changeOnePercent(false);
  }

  /** The same; with {@code archiveOld}, the old versions move to Archive as on CRAN. */
  int changeOnePercent(boolean archiveOld) throws IOException {
    int changed = 0;
    for (int i = 0; i < n; i += 100) {
      release[i]++;
      upstream.add(pkg(i), archiveOld);
      changed++;
    }
    upstream.write();
    return changed;
  }

  int size() {
    return n;
  }

  Path root() {
    return upstream.root();
  }

  Path contrib() {
    return upstream.root().resolve("src/contrib");
  }

  /** The file names of the first {@code k} packages, in package order. */
  List<String> fileNames(int k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, n); i++) {
      out.add(pkg(i).filename());
    }
    return out;
  }

  static String name(int i) {
    Random r = new Random(i * 7919L);
    return SYLLABLES[r.nextInt(SYLLABLES.length)]
        + SYLLABLES[r.nextInt(SYLLABLES.length)]
        + (r.nextInt(4) == 0 ? "." + SYLLABLES[r.nextInt(SYLLABLES.length)] : "")
        + i;
  }

  private CranPackage pkg(int i) {
    Random r = new Random(i * 104729L + 17);
    String version =
        r.nextInt(10)
            + "."
            + r.nextInt(20)
            + (r.nextBoolean() ? "." : "-")
            + (r.nextInt(30) + release[i]);
    CranPackage p = CranPackage.of(name(i), version);
    if (r.nextInt(10) < 7) {
      p = p.field("Depends", "R (>= " + (3 + r.nextInt(2)) + "." + r.nextInt(6) + ".0)");
    }
    p = p.field("Imports", deps(r, i, 6, true)).field("Suggests", deps(r, i, 5, false));
    p = p.field("License", LICENSES[r.nextInt(LICENSES.length)]);
    int kind = r.nextInt(20);
    if (kind < 3) {
      p = p.field("LinkingTo", "Rcpp").field("NeedsCompilation", "yes");
    } else if (kind == 3) {
      p = p.field("NeedsCompilation", null);
    }
    p = p.field("URL", "https://github.com/example/" + name(i));
    int size = r.nextInt(10);
    return p.sizeKiB(size < 6 ? 0 : size < 9 ? 1 + r.nextInt(32) : 32 + r.nextInt(96));
  }

  private static String deps(Random r, int i, int max, boolean base) {
    List<String> out = new ArrayList<>();
    if (base && r.nextBoolean()) {
      out.add(BASE[r.nextInt(BASE.length)]);
    }
    int k = r.nextInt(max + 1);
    for (int j = 0; j < k && i > 0; j++) {
      String d = name(r.nextInt(i));
      out.add(r.nextInt(3) == 0 ? d + " (>= 0.1.0)" : d);
    }
    return out.isEmpty() ? null : String.join(", ", out.stream().distinct().toList());
  }
}
