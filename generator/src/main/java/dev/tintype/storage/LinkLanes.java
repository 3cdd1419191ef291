package dev.tintype.storage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that place a snapshot's hard links, each link on the lane of its directory, so a
 * directory is only ever made by one of them. Linking is the kernel's work, and a nightly has
 * hundreds of thousands of links: on two lanes it runs on both cores and beside the sync's own work
 * (two {@code cp -al} of halves of a 100,000-project tree took 24–26 s where one of the whole took
 * 42–44 s on the bench disk).
 */
final class LinkLanes implements AutoCloseable {
  /** Sized for two cores: more lanes than cores only queue in the kernel. */
  static final int LANES = 2;

  private final ExecutorService[] lanes = new ExecutorService[LANES];

  LinkLanes() {
    for (int i = 0; i < LANES; i++) {
      String name = "tintype-link-" + (i + 1);
      lanes[i] =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              });
    }
  }

  /** Runs {@code task} on lane {@code lane}, after every task given to that lane before it. */
  void execute(int lane, Runnable task) {
    lanes[lane].execute(task);
  }

  @Override
  public void close() {
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
  }
}
