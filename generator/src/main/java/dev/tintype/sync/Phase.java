package dev.tintype.sync;

/** The phases a sync reports to its {@link SyncListener}, in the order they run. */
public enum Phase {
  /** Upstream's PyPI project pages, read in parallel. */
  PAGES("pages"),
  /** Package files fetched into the pool. */
  DOWNLOAD("download"),
  /** Package files of a local directory read and checked. */
  READ("read"),
  /** Package files of a local directory copied into the pool. */
  COPY("copy"),
  /** The snapshot's indexes written. */
  INDEX("index"),
  /** The manifest written and the snapshot published atomically. */
  COMMIT("commit"),
  /** {@code latest} pointed at the newest snapshot. */
  LATEST("latest");

  private final String id;

  Phase(String id) {
    this.id = id;
  }

  /** The word the console and the crash tests' stall points use. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
