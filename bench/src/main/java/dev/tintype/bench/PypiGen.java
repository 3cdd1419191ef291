package dev.tintype.bench;

import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic PyPI of {@code n} projects: one to three releases each, a wheel per release and often
 * an sdist, some wheels with PEP 658 metadata, some requiring a Python version, a few yanked.
 */
final class PypiGen {
  private static final Instant T0 = Instant.parse("2023-01-01T00:00:00Z");

  private final int n;
  private final PypiUpstream upstream;
  private final List<String> names = new ArrayList<>();

  PypiGen(Path root, int n) {
    this.n = n;
    this.upstream = new PypiUpstream(root);
    for (int i = 0; i < n; i++) {
      names.add(name(i));
    }
  }

  static String name(int i) {
    Random r = new Random(i * 31337L + 5);
    String base = CranGen.name(i).toLowerCase(java.util.Locale.ROOT).replace('.', '-');
    return switch (r.nextInt(6)) {
      case 0 -> "Py" + base;
      case 1 -> "python_" + base;
      default -> base.replaceFirst("([a-z]+)([0-9]+)$", "$1-$2");
    };
  }

  List<String> names() {
    return names;
  }

  /** Writes every project's files and pages. Returns the number of files (with .metadata). */
  int write() throws IOException {
    int files = 0;
    for (int i = 0; i < n; i++) {
      Random r = new Random(i * 7L + 3);
      int releases = 1 + r.nextInt(3);
      for (int v = 0; v < releases; v++) {
        files += add(i, r, v + ".1." + r.nextInt(9), T0.plusSeconds(86400L * (i % 700 + v)));
      }
    }
    upstream.write();
    return files;
  }

  /** Every 100th project gets a new release; returns the number of new files (with .metadata). */
  int releaseOnePercent() throws IOException {
    return releaseOnePercent(1);
  }

  /** As {@link #releaseOnePercent()}, for the {@code day}-th nightly (1 first): a new version. */
  int releaseOnePercent(int day) throws IOException {
    int files = 0;
    for (int i = 0; i < n; i += 100) {
      files += add(i, new Random(i), "9." + (day - 1) + ".0", T0.plusSeconds(86400L * (799 + day)));
    }
    upstream.write();
    return files;
  }

  private int add(int i, Random r, String version, Instant at) {
    String project = names.get(i);
    PypiFile wheel = PypiFile.wheel(project, version).uploaded(at);
    int files = 1;
    if (r.nextInt(10) < 3) {
      wheel = wheel.withMetadata();
      files++;
    }
    if (r.nextInt(4) == 0) {
      wheel = wheel.requiresPython(">=3.8");
    }
    if (r.nextInt(50) == 0) {
      wheel = wheel.yanked("broken build");
    }
    upstream.add(project, wheel);
    if (r.nextBoolean()) {
      upstream.add(project, PypiFile.sdist(project, version).uploaded(at));
      files++;
    }
    return files;
  }
}
