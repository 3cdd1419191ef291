package dev.tintype.cli;

import dev.tintype.index.SourceIndex;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code tintype index DIR}: R's write_PACKAGES for a local directory of source tarballs. */
final class IndexCommand {
  private final PrintStream out;
  private final PrintStream err;

  IndexCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws Exception {
    Options o = new Options();
    o.addOption(
        Option.builder()
            .longOpt("threads")
            .hasArg()
            .argName("N")
            .desc("tarballs read in parallel (default: the number of processors)")
            .build());
    o.addOption(Commands.help());
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException("index: " + e.getMessage() + " (see 'tintype index --help')");
    }
    if (cl.hasOption("help")) {
      PrintWriter pw = new PrintWriter(out);
      new HelpFormatter()
          .printHelp(
              pw,
              80,
              "tintype index DIR [options]",
              "Write PACKAGES, PACKAGES.gz and PACKAGES.rds for the R source tarballs in DIR,"
                  + " as tools::write_PACKAGES(DIR, type = \"source\") does.",
              o,
              2,
              2,
              "");
      pw.flush();
      return Main.OK;
    }
    List<String> rest = cl.getArgList();
    if (rest.size() != 1) {
      throw new UsageException(
          "index: expected one directory, found "
              + (rest.isEmpty() ? "none" : rest.size() + ": " + rest));
    }
    Path dir = Path.of(rest.get(0));
    if (!Files.isDirectory(dir)) {
      throw new UsageException("index: '" + dir + "' is not a directory");
    }
    int threads = threads(cl);
    ExecutorService pool = Executors.newFixedThreadPool(threads, Commands.named("tintype-index"));
    try {
      SourceIndex.Result r = new SourceIndex(pool).write(dir);
      for (SourceIndex.Skipped s : r.skipped()) {
        err.println("tintype: index: warning: " + s.reason());
      }
      out.println(
          dir
              + ": indexed "
              + r.records().size()
              + " packages"
              + (r.skipped().isEmpty() ? "" : ", skipped " + r.skipped().size() + " files"));
      return Main.OK;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int threads(CommandLine cl) throws UsageException {
    if (!cl.hasOption("threads")) {
      return Runtime.getRuntime().availableProcessors();
    }
    String v = cl.getOptionValue("threads");
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
