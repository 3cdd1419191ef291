package dev.tintype.sync;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One sync run's choices. {@code backfill} leaves out files uploaded after the end of {@code date};
 * {@code force} publishes even when upstream shrank suspiciously.
 */
public record SyncOptions(
    SnapshotDate date, boolean force, boolean backfill, Optional<RepoName> onlyRepo) {
  public SyncOptions {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(onlyRepo, "onlyRepo");
  }

  /** Whether this run syncs the repository {@code name}: every one, unless one was chosen. */
  public boolean includes(RepoName name) {
    return onlyRepo.map(name::equals).orElse(true);
  }
}
