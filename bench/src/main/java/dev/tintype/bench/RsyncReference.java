package dev.tintype.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The classic way to keep dated CRAN snapshots, as the reference for tintype's CRAN syncs: an rsync
 * daemon on loopback serves the same upstream tree, {@code rsync -a} makes the first snapshot and
 * {@code rsync -a --link-dest=../<yesterday>} the nightly, after the same 1% change, each into a
 * new directory per round. Without {@code rsync} (or when its daemon does not start) every figure
 * is skipped with the reason.
 */
final class RsyncReference implements AutoCloseable {
  private static final String FIRST = "2026-01-01";
  private static final String NEXT = "2026-01-02";

  private final Work w;
  private final Optional<String> skipped;
  private final Process daemon;
  private final String url;
  private final Path dest;

  private RsyncReference(Work w, Optional<String> skipped, Process daemon, String url, Path dest) {
    this.w = w;
    this.skipped = skipped;
    this.daemon = daemon;
    this.url = url;
    this.dest = dest;
  }

  /** Starts a daemon serving {@code tree} read-only; never fails, but may skip. */
  static RsyncReference start(Work w, Path tree) throws IOException {
    Optional<String> rsync = Work.which("rsync");
    if (rsync.isEmpty()) {
      return skip(w, "rsync is not on the PATH (Debian: apt-get install rsync)");
    }
    Path dir = Files.createDirectories(w.dir().resolve("rsyncd"));
    int port = freePort();
    Path conf = dir.resolve("rsyncd.conf");
    Files.writeString(
        conf,
        "use chroot = no\npid file = "
            + dir.resolve("rsyncd.pid")
            + "\nlog file = "
            + dir.resolve("rsyncd.log")
            + "\n[up]\n  path = "
            + tree.toAbsolutePath()
            + "\n  read only = yes\n");
    Process p =
        new ProcessBuilder(
                rsync.get(),
                "--daemon",
                "--no-detach",
                "--config=" + conf,
                "--address=127.0.0.1",
                "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rsyncd.out").toFile())
            .start();
    if (!awaitPort(p, port)) {
      p.destroyForcibly();
      return skip(w, "the rsync daemon did not start: " + tail(dir.resolve("rsyncd.out")));
    }
    return new RsyncReference(
        w,
        Optional.empty(),
        p,
        "rsync://127.0.0.1:" + port + "/up/",
        Files.createDirectories(w.dir().resolve("rsync-mirror")));
  }

  private static RsyncReference skip(Work w, String why) {
    w.info("rsync reference skipped: " + why);
    return new RsyncReference(w, Optional.of(why), null, null, null);
  }

  /** Whether the reference can run; when not, its rows say why they were skipped. */
  boolean available() {
    return skipped.isEmpty();
  }

  /**
   * A first transfer into a new dated directory (timed, after the same settle); round 1 makes the
   * one every nightly links against.
   */
  Proc.Run first(int round) throws IOException {
    return w.timed(
        "rsync -a first transfer " + round,
        List.of("rsync", "-a", url, dest.resolve(name(FIRST, round)) + "/"));
  }

  /**
   * A nightly after the upstream changed: a hard-linked copy of round 1's first transfer plus the
   * change, into a new directory each round.
   */
  Proc.Run nightly(int round) throws IOException {
    return w.timed(
        "rsync -a --link-dest nightly " + round,
        List.of(
            "rsync", "-a", "--link-dest=../" + FIRST, url, dest.resolve(name(NEXT, round)) + "/"));
  }

  private static String name(String date, int round) {
    return round == 1 ? date : date + "-" + round;
  }

  /** The two CRAN rows: tintype's runs against rsync's, each pair in turn. */
  List<Figure> figures(String size, Pairs first, Pairs nightly) {
    List<Figure> out = new ArrayList<>();
    out.add(
        row(
            "CRAN nightly vs rsync --link-dest, " + size + ", 1% changed",
            nightly,
            "rsync -a --link-dest",
            1.0));
    out.add(row("CRAN first sync from nginx vs rsync -a, " + size, first, "rsync -a", 4.0));
    return out;
  }

  private Figure row(String name, Pairs pairs, String what, double target) {
    String goal = "≤ " + Figure.times(target) + " " + what;
    if (skipped.isPresent()) {
      return Figure.skipped(name, goal + "; skipped: " + skipped.get());
    }
    if (pairs.size() == 0) {
      return Figure.skipped(name, goal + "; skipped: the rsync run did not happen");
    }
    return new Figure(
        name,
        pairs.tintype(),
        pairs.reference() + " (`" + what + "` from an rsync daemon on loopback)",
        pairs.ratios() + " rsync's time",
        goal,
        Figure.Verdict.of(pairs.ratio() <= target));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean awaitPort(Process p, int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log).strip();
      return s.length() > 500 ? s.substring(s.length() - 500) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.destroy();
      try {
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        daemon.destroyForcibly();
      }
    }
  }
}
