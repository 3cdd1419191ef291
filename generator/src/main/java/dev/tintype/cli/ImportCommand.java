package dev.tintype.cli;

import dev.tintype.bundle.Bundle;
import dev.tintype.bundle.Importer;
import dev.tintype.bundle.Toc;
import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.ManifestFiles;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Syncer;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype import BUNDLE_DIR}: check a bundle and publish the snapshot it carries. */
final class ImportCommand implements Subcommand {
  @Override
  public String name() {
    return "import";
  }

  @Override
  public String summary() {
    return "publish a snapshot from a bundle";
  }

  @Override
  public String usage() {
    return "tintype import --config FILE [--metrics-file FILE] BUNDLE_DIR";
  }

  @Override
  public String description() {
    return "Check a bundle and publish the snapshot it carries.";
  }

  @Override
  public Options options() {
    return new Options().addOption(Invocation.configOption()).addOption(Runs.metricsOption());
  }

  @Override
  public boolean takesArguments() {
    return true;
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    if (inv.arguments().size() != 1) {
      throw new UsageException(
          "import: expected one bundle directory, got "
              + inv.arguments().size()
              + " arguments (see 'tintype import --help')");
    }
    Config cfg = inv.config();
    Bundle bundle = Bundle.open(Path.of(inv.arguments().get(0)));
    Toc toc = bundle.head();
    Optional<RepoConfig> rc = cfg.repo(toc.repoName());
    if (rc.isEmpty() || !rc.get().type().id().equals(toc.type())) {
      throw new UsageException(
          "import: the bundle holds "
              + toc.type()
              + " repository '"
              + toc.repo()
              + "', which "
              + inv.value("config").orElseThrow()
              + " does not configure"
              + rc.map(r -> " (it has type " + r.type().id() + ")").orElse("")
              + "; add it under repos (import does not use its upstream)");
    }
    inv.out.println(
        "importing "
            + bundle.describe()
            + " from "
            + bundle.dir()
            + " ("
            + bundle.fileCount()
            + " files, "
            + Invocation.human(bundle.bytes())
            + ", table of contents sha256 "
            + bundle.tocSha256()
            + ")");
    try (Storage storage = Storages.open(cfg.storage())) {
      return Runs.recorded(
          inv,
          storage,
          () -> {
            // The report's repository entry: a failed import gets the failure.
            dev.tintype.sync.SyncListener recorded =
                inv.recorder().wrap(dev.tintype.sync.SyncListener.NONE);
            recorded.started(toc.repo());
            Importer.Result r =
                new Importer(storage, cfg.trust().trustedKeys(), cfg.trust().signingKey())
                    .rewritingRootPage(cfg)
                    .importBundle(bundle, inv.bundleListener(toc.repo()));
            recorded.finished(outcome(storage, toc, r));
            if (r.signedBy() != null) {
              inv.out.println("signature: good, by trusted key " + r.signedBy());
            }
            if (!r.published()) {
              inv.out.println(
                  r.snapshot() + ": already published with the same manifest; unchanged");
            } else {
              inv.out.println(
                  "imported "
                      + r.snapshot()
                      + ": "
                      + r.stored()
                      + " files stored ("
                      + r.storedBytes()
                      + " bytes), "
                      + r.alreadyPresent()
                      + " already in the pool; "
                      + r.chunksRead()
                      + " chunks read, "
                      + r.chunksSkipped()
                      + " skipped");
            }
            return ExitCode.OK;
          });
    }
  }

  /**
   * The import as the run report counts a sync: the files and bytes stored from the bundle stand
   * for the downloads, the pool files already present for those carried forward.
   */
  private static Syncer.Outcome outcome(Storage storage, Toc toc, Importer.Result r)
      throws java.io.IOException {
    // Streamed: a large mirror's manifest does not fit in a small heap.
    String key = Layout.manifest(toc.repoName(), toc.snapshotDate());
    ManifestSummary m = ManifestSummary.read(storage, toc.repoName(), toc.snapshotDate());
    long bytes = 0;
    int files = 0;
    try (ManifestFiles pool = ManifestFiles.openPool(storage.open(key), key)) {
      for (FileEntry f; (f = pool.next()) != null; ) {
        bytes += f.size();
        files++;
      }
    }
    return new Syncer.Outcome(
        toc.repo(),
        r.published(),
        m.packages(),
        r.stored(),
        r.storedBytes(),
        r.published() ? "imported" : "already published",
        java.util.List.of(),
        files,
        bytes);
  }
}
