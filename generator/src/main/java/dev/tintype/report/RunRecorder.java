package dev.tintype.report;

import dev.tintype.sync.ForwardingSyncListener;
import dev.tintype.sync.Phase;
import dev.tintype.sync.SyncListener;
import dev.tintype.sync.Syncer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a run's report from what the core tells its listener, so that no new parameters run
 * through the core. Wrap the listener with {@link #wrap}; every call is passed on.
 */
public final class RunRecorder {
  private static final String BEFORE = "prepare";

  private final Clock clock;
  private final String command;
  private final List<String> arguments;
  private final Instant start;
  private final Map<String, Building> repos = new LinkedHashMap<>();
  private final Map<String, Integer> snapshots = new java.util.TreeMap<>();
  private RunReport.Pool pool;

  public RunRecorder(Clock clock, String command, List<String> arguments) {
    this.clock = clock;
    this.command = command;
    this.arguments = List.copyOf(arguments);
    this.start = clock.instant();
  }

  public Instant start() {
    return start;
  }

  public String command() {
    return command;
  }

  /** A listener that records what it hears, then passes it to {@code next}. */
  public SyncListener wrap(SyncListener next) {
    return new ForwardingSyncListener(next) {
      @Override
      public void started(String repo) {
        synchronized (RunRecorder.this) {
          repos.put(repo, new Building(clock.instant()));
        }
        next.started(repo);
      }

      @Override
      public void phase(String repo, Phase phase) {
        synchronized (RunRecorder.this) {
          building(repo).enter(phase.id(), clock.instant());
        }
        next.phase(repo, phase);
      }

      @Override
      public void finished(Syncer.Outcome o) {
        synchronized (RunRecorder.this) {
          building(o.repo()).finish(o, clock.instant());
        }
        next.finished(o);
      }

      @Override
      public void failed(String repo, Throwable failure) {
        synchronized (RunRecorder.this) {
          building(repo).fail(failure, clock.instant());
        }
        next.failed(repo, failure);
      }
    };
  }

  /** The published snapshots of {@code repo} once the run ended. */
  public synchronized void snapshots(String repo, int count) {
    snapshots.put(repo, count);
  }

  /** Whether the snapshot counts are known already (a gc tells them). */
  public synchronized boolean knowsSnapshots() {
    return !snapshots.isEmpty();
  }

  /** The whole pool once the run ended; only a gc knows it. */
  public synchronized void pool(long files, long bytes) {
    pool = new RunReport.Pool(files, bytes);
  }

  private Building building(String repo) {
    return repos.computeIfAbsent(repo, r -> new Building(clock.instant()));
  }

  /**
   * The report of the run, ending now with {@code exitStatus}. {@code failure} (or null) is also
   * given to a repository that started but neither finished nor failed.
   */
  public synchronized RunReport finish(int exitStatus, String failure) {
    Instant end = clock.instant();
    List<RunReport.Repo> out = new ArrayList<>();
    for (Map.Entry<String, Building> e : repos.entrySet()) {
      Building b = e.getValue();
      if (b.status == null) {
        b.failures.add(failure == null ? "did not finish" : failure);
        b.close("failed", end);
      }
      out.add(
          new RunReport.Repo(
              e.getKey(),
              b.status,
              b.packages,
              b.files,
              b.downloaded,
              b.bytesDownloaded,
              b.bytesStored,
              b.carried,
              b.failures,
              b.phases));
    }
    return new RunReport(
        RunReport.FORMAT,
        command,
        arguments,
        start.toString(),
        end.toString(),
        exitStatus,
        failure,
        out,
        snapshots,
        pool);
  }

  /** One repository's report while it is gathered. */
  private static final class Building {
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private String phase = BEFORE;
    private Instant since;
    private String status;
    private int packages;
    private long files;
    private long downloaded;
    private long bytesDownloaded;
    private long bytesStored;
    private long carried;

    Building(Instant start) {
      this.since = start;
    }

    void enter(String next, Instant now) {
      phases.merge(phase, seconds(since, now), Double::sum);
      phase = next;
      since = now;
    }

    void close(String status, Instant now) {
      if (this.status == null) {
        enter(phase, now);
        this.status = status;
      }
    }

    void finish(Syncer.Outcome o, Instant now) {
      packages = Math.max(0, o.packages());
      files = o.files();
      downloaded = o.downloads();
      bytesDownloaded = o.bytes();
      bytesStored = o.storedBytes();
      carried = o.carried();
      if (!o.missing().isEmpty()) {
        failures.add("missing upstream: " + String.join(", ", o.missing()));
      }
      close(o.published() ? "published" : "unchanged", now);
    }

    void fail(Throwable t, Instant now) {
      String m = t.getMessage();
      failures.add(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
      close("failed", now);
    }

    private static double seconds(Instant from, Instant to) {
      return java.time.Duration.between(from, to).toNanos() / 1e9;
    }
  }
}
