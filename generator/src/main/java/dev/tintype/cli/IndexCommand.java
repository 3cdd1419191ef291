package dev.tintype.cli;

import dev.tintype.index.SourceIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.cli.Options;

/** {@code tintype index DIR}: R's write_PACKAGES for a local directory of source tarballs. */
final class IndexCommand implements Subcommand {
  @Override
  public String name() {
    return "index";
  }

  @Override
  public String summary() {
    return "write PACKAGES, PACKAGES.gz and PACKAGES.rds for a directory of R tarballs";
  }

  @Override
  public String usage() {
    return "tintype index DIR [options]";
  }

  @Override
  public String description() {
    return "Write PACKAGES, PACKAGES.gz and PACKAGES.rds for the R source tarballs in DIR,"
        + " as tools::write_PACKAGES(DIR, type = \"source\") does.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(
            Invocation.option(
                "threads", "N", "tarballs read in parallel (default: the number of processors)"));
  }

  @Override
  public boolean takesArguments() {
    return true;
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    List<String> rest = inv.arguments();
    if (rest.size() != 1) {
      throw new UsageException(
          "index: expected one directory, found "
              + (rest.isEmpty() ? "none" : rest.size() + ": " + rest));
    }
    Path dir = Path.of(rest.get(0));
    if (!Files.isDirectory(dir)) {
      throw new UsageException("index: '" + dir + "' is not a directory");
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(threads(inv), Invocation.named("tintype-index"));
    try {
      SourceIndex.Result r = new SourceIndex(pool).write(dir);
      for (SourceIndex.Skipped s : r.skipped()) {
        inv.err.println("tintype: index: warning: " + s.reason());
      }
      inv.out.println(
          dir
              + ": indexed "
              + r.records().size()
              + " packages"
              + (r.skipped().isEmpty() ? "" : ", skipped " + r.skipped().size() + " files"));
      return ExitCode.OK;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int threads(Invocation inv) throws UsageException {
    if (!inv.has("threads")) {
      return Runtime.getRuntime().availableProcessors();
    }
    String v = inv.value("threads").orElseThrow();
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 256) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("index: --threads must be a whole number 1..256, found '" + v + "'");
  }
}
