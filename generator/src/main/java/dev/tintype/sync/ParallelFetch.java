package dev.tintype.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Runs one download task per item on the injected executor; the first failure stops the run. */
public final class ParallelFetch {
  private static final int IN_FLIGHT = 1024;

  private ParallelFetch() {}

  /** A task that may fail with I/O. */
  public interface Task<T, R> {
    R run(T item) throws IOException;
  }

  public static <T, R> Map<T, R> run(
      MirrorContext ctx, List<T> items, Function<T, String> describe, Task<T, R> task)
      throws IOException {
    return run(ctx, Phase.DOWNLOAD, items, describe, task);
  }

  /** As {@link #run(MirrorContext, List, Function, Task)}, reported as {@code phase}. */
  public static <T, R> Map<T, R> run(
      MirrorContext ctx, Phase phase, List<T> items, Function<T, String> describe, Task<T, R> task)
      throws IOException {
    Map<T, R> out = new LinkedHashMap<>();
    Iterator<T> it = items.iterator();
    drive(
        ctx, phase, () -> it.hasNext() ? it.next() : null, items.size(), describe, task, out::put);
    return out;
  }

  /** The items of a run, produced as the run takes them; null when there are no more. */
  public interface Source<T> {
    T next() throws IOException;
  }

  /**
   * Runs {@code task} on each item {@code items} produces, keeping no results: the items are made
   * as the window of running tasks moves on, so none but those in flight are held. {@code total} is
   * the count reported as progress (items may come to fewer).
   */
  public static <T> void each(
      MirrorContext ctx,
      Phase phase,
      Source<T> items,
      int total,
      Function<T, String> describe,
      Task<T, ?> task)
      throws IOException {
    drive(ctx, phase, items, total, describe, task, (item, result) -> {});
  }

  private static <T, R> void drive(
      MirrorContext ctx,
      Phase phase,
      Source<T> items,
      int total,
      Function<T, String> describe,
      Task<T, ? extends R> task,
      BiConsumer<T, R> results)
      throws IOException {
    String repo = ctx.repo().name().name();
    ctx.listener().phase(repo, phase);
    // Files fetched count their bytes on the fetcher once each has finished; other phases have
    // none.
    long bytes0 = phase == Phase.DOWNLOAD ? ctx.fetcher().bytes() : -1;
    ExecutorCompletionService<R> done = new ExecutorCompletionService<>(ctx.downloads());
    Map<Future<R>, T> pending = new HashMap<>();
    try {
      // Only a window of tasks is queued at a time: a first sync of all of PyPI has millions of
      // files, and a queued future per file outgrew the heap.
      for (int n = 0; n < IN_FLIGHT; n++) {
        T item = items.next();
        if (item == null) {
          break;
        }
        pending.put(done.submit(() -> task.run(item)), item);
      }
      for (int i = 0; !pending.isEmpty(); i++) {
        Future<R> f = done.take();
        T next = items.next();
        if (next != null) {
          pending.put(done.submit(() -> task.run(next)), next);
        }
        T item = pending.remove(f);
        try {
          results.accept(item, f.get());
        } catch (ExecutionException x) {
          Throwable c = x.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof IllegalArgumentException bad) {
            throw new BadUpstreamException(describe.apply(item) + ": " + bad.getMessage(), bad);
          }
          throw new IOException(describe.apply(item) + ": " + c, c);
        }
        long bytes = bytes0 < 0 ? -1 : ctx.fetcher().bytes() - bytes0;
        ctx.listener().progress(repo, phase, i + 1, Math.max(total, i + 1), bytes, -1);
      }
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading");
    } finally {
      pending.keySet().forEach(f -> f.cancel(true));
    }
  }
}
