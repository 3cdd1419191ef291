package dev.tintype.e2e;

import dev.tintype.bundle.BundleListener;
import dev.tintype.cli.ListenerDecorator;
import dev.tintype.cli.Main;
import dev.tintype.cli.Wiring;
import dev.tintype.sync.Phase;
import dev.tintype.sync.SyncListener;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * tintype that stalls at a known point so that a crash test can SIGKILL it there: {@code java -cp
 * tintype.jar:test-classes dev.tintype.e2e.StallingMain POINT ARGS...}. POINT is a sync phase
 * ("index", "commit", "latest"), a phase's progress ("download:2"), or a bundle event of a command
 * ("export:chunk:2", "import:stored:3"), or the Nth deletion of a gc ("gc:snapshot:2", "gc:pool:3":
 * before it happens); sync points may carry the command too ("sync:commit"). On reaching it the run
 * prints "tintype: stalled at POINT" and waits to be killed.
 */
public final class StallingMain {
  private StallingMain() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: StallingMain POINT ARGS...");
      System.exit(2);
    }
    Wiring w = Wiring.standard().withListeners(new StallAt(args[0], System.out));
    int code = Main.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err, false, w);
    System.out.flush();
    System.exit(code);
  }

  /** Passes every event on, then stalls if it is the point. */
  static final class StallAt implements ListenerDecorator {
    private final String point;
    private final PrintStream out;

    StallAt(String point, PrintStream out) {
      this.point = point;
      this.out = out;
    }

    @Override
    public SyncListener sync(String command, SyncListener printer) {
      return new dev.tintype.sync.ForwardingSyncListener(printer) {
        @Override
        public void phase(String repo, Phase phase) {
          printer.phase(repo, phase);
          stallIfAt(command, phase.id());
        }

        @Override
        public void progress(String repo, Phase phase, long done, long total) {
          printer.progress(repo, phase, done, total);
          stallIfAt(command, phase.id() + ":" + done);
        }

        @Override
        public void progress(
            String repo, Phase phase, long done, long total, long bytes, long totalBytes) {
          printer.progress(repo, phase, done, total, bytes, totalBytes);
          stallIfAt(command, phase.id() + ":" + done);
        }
      };
    }

    @Override
    public BundleListener bundle(String command, BundleListener printer) {
      return new BundleListener() {
        @Override
        public void chunk(String name, int number, int total) {
          printer.chunk(name, number, total);
          stallIfAt(command, "chunk:" + number);
        }

        @Override
        public void unfinishedExportCleared(java.nio.file.Path dir, int files) {
          printer.unfinishedExportCleared(dir, files);
        }

        @Override
        public void chunkSkipped(String name, int number, int total) {
          printer.chunkSkipped(name, number, total);
        }

        @Override
        public void stored(String key, int stored) {
          printer.stored(key, stored);
          stallIfAt(command, "stored:" + stored);
        }
      };
    }

    @Override
    public dev.tintype.gc.GcListener gc(dev.tintype.gc.GcListener printer) {
      int[] snapshots = {0};
      int[] pool = {0};
      return new dev.tintype.gc.GcListener() {
        @Override
        public void snapshot(
            dev.tintype.format.layout.RepoName repo,
            dev.tintype.format.layout.SnapshotDate date,
            long bytes) {
          stallIfAt("gc", "snapshot:" + ++snapshots[0]);
          printer.snapshot(repo, date, bytes);
        }

        @Override
        public void poolFile(String key, long bytes) {
          stallIfAt("gc", "pool:" + ++pool[0]);
          printer.poolFile(key, bytes);
        }

        @Override
        public void abandoned(String key) {
          printer.abandoned(key);
        }

        @Override
        public void progress(Step step, long done, long total, long bytes) {
          printer.progress(step, done, total, bytes);
        }
      };
    }

    private void stallIfAt(String command, String event) {
      if (!point.equals(event) && !point.equals(command + ":" + event)) {
        return;
      }
      synchronized (out) {
        out.println("tintype: stalled at " + point);
        out.flush();
      }
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
