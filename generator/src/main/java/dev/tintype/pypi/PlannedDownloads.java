package dev.tintype.pypi;

import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/** Fetches the files of planned PyPI pages that the pool lacks, for a sync or for a shard. */
final class PlannedDownloads {
  private PlannedDownloads() {}

  /**
   * Downloads the files of the planned upstream pages that the pool lacks. The pages are read from
   * the spool twice, to count the files and to fetch them, so that neither the pages nor the list
   * of files is ever held whole.
   */
  static void all(
      MirrorContext ctx, PoolFiles pool, PageSpool spool, List<Planned> plans, int projects)
      throws IOException {
    int total = 0;
    BitSet some = new BitSet(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      Planned p = plans.get(i);
      if (p.fromUpstream()) {
        int n = pool.missing(p.unspool(spool).upstream()).size();
        total += n;
        some.set(i, n > 0);
      }
    }
    ctx.info(projects + " projects; " + total + " files to download");
    Deque<PoolFiles.Wanted> queued = new ArrayDeque<>();
    int[] next = {some.nextSetBit(0)};
    ParallelFetch.each(
        ctx,
        Phase.DOWNLOAD,
        () -> {
          while (queued.isEmpty() && next[0] >= 0) {
            queued.addAll(pool.missing(plans.get(next[0]).unspool(spool).upstream()));
            next[0] = some.nextSetBit(next[0] + 1);
          }
          return queued.poll();
        },
        total,
        PoolFiles.Wanted::describe,
        w -> {
          pool.fetch(w);
          return Boolean.TRUE;
        });
  }

  /**
   * A shard's downloads: the files of the planned upstream pages the pool lacks, {@code batch} at a
   * time, each batch's pool files handed to {@link dev.tintype.sync.Share#fetched}.
   */
  static void share(
      MirrorContext ctx, PoolFiles pool, PageSpool spool, List<Planned> plans, int batch)
      throws IOException {
    List<PoolFiles.Wanted> toFetch = new ArrayList<>();
    for (Planned p : plans) {
      if (p.fromUpstream()) {
        toFetch.addAll(pool.missing(p.unspool(spool).upstream()));
      }
    }
    for (int from = 0; from < toFetch.size(); from += batch) {
      List<PoolFiles.Wanted> part = toFetch.subList(from, Math.min(toFetch.size(), from + batch));
      ParallelFetch.run(
          ctx,
          part,
          PoolFiles.Wanted::describe,
          w -> {
            pool.fetch(w);
            return Boolean.TRUE;
          });
      List<FileEntry> files = new ArrayList<>();
      for (PoolFiles.Wanted w : part) {
        files.addAll(pool.stored(w));
      }
      ctx.share().fetched(files);
    }
  }
}
