package dev.tintype.cli;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import dev.tintype.verify.Verifier;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code tintype verify}: rehash every file of the published snapshots. */
final class VerifyCommand implements Subcommand {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "rehash every file of published snapshots against their manifests";
  }

  @Override
  public String usage() {
    return "tintype verify --config FILE [options]";
  }

  @Override
  public String description() {
    return "Rehash every file against the manifests.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Invocation.configOption())
        .addOption(Invocation.repoOption())
        .addOption(Invocation.dateOption("only this snapshot"));
  }

  @Override
  public ExitCode run(Invocation inv) throws Exception {
    Config cfg = inv.config();
    Optional<RepoName> only = inv.repo(cfg);
    Optional<SnapshotDate> onlyDate = inv.date("date");
    int bad = 0;
    int checked = 0;
    try (Storage storage = Storages.open(cfg.storage());
        Verifier v = new Verifier(storage, cfg.trust().trustedKeys())) {
      for (RepoConfig r : cfg.repos()) {
        if (only.isPresent() && !only.get().equals(r.name())) {
          continue;
        }
        List<SnapshotDate> dates =
            onlyDate.isPresent() ? List.of(onlyDate.get()) : Snapshots.published(storage, r.name());
        for (SnapshotDate d : dates) {
          Verifier.Report rep = v.verify(r.name(), d);
          checked++;
          if (rep.ok()) {
            inv.out.println(
                r.name()
                    + "/"
                    + d
                    + ": ok, "
                    + rep.files()
                    + " files, "
                    + Invocation.human(rep.bytes())
                    + (rep.signedBy() == null ? "" : ", signed by " + rep.signedBy())
                    + (rep.purged().isEmpty()
                        ? ""
                        : ", " + rep.purged().size() + " purged (see .tintype/purges.json)"));
            for (String key : rep.purged()) {
              inv.out.println("  " + key + ": purged");
            }
          } else {
            bad++;
            inv.out.println(r.name() + "/" + d + ": " + rep.problems().size() + " problems");
            for (Verifier.Problem p : rep.problems()) {
              inv.out.println("  " + p.key() + ": " + p.detail());
            }
            for (String key : rep.purged()) {
              inv.out.println("  " + key + ": purged");
            }
          }
        }
      }
    }
    if (checked == 0) {
      inv.err.println("tintype: verify: no published snapshot to verify");
      return ExitCode.FAILED;
    }
    return bad == 0 ? ExitCode.OK : ExitCode.FAILED;
  }
}
