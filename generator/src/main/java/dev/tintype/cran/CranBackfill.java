package dev.tintype.cran;

import dev.tintype.format.cran.FileInfo;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.index.SourceIndex;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sync --date D --backfill} for CRAN: the source repository as it stood at the end of day D
 * (UTC). For each package the newest version published on or before D is current (current versions
 * dated by {@code Meta/current.rds}, archived ones by {@code Meta/archive.rds}, both the files'
 * mtimes); the older ones published by then are its Archive. A package current on D and archived
 * since comes back, its index record made from its own DESCRIPTION.
 */
final class CranBackfill {
  private final MirrorContext ctx;
  private final Instant cutoff;

  CranBackfill(MirrorContext ctx) {
    this.ctx = ctx;
    this.cutoff = ctx.options().date().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Instant cutoff() {
    return cutoff;
  }

  /**
   * What the snapshot of the cutoff holds.
   *
   * @param current upstream's index entries still current on D
   * @param promoted archived files that were current on D
   * @param archived the rest of the Archive as it was on D
   */
  record Plan(
      List<CranEntry> current,
      List<ArchivedFile> promoted,
      Map<String, List<ArchivedFile>> archived) {}

  Plan plan(List<CranEntry> upstream, CranArchive.Upstream meta) throws IOException {
    if (meta.archive() == null || meta.parsed() == null || meta.current() == null) {
      throw new BadUpstreamException(
          "a CRAN backfill dates versions by upstream's src/contrib/Meta/archive.rds and"
              + " current.rds, and upstream lacks "
              + (meta.archive() == null ? "archive.rds" : "current.rds"));
    }
    Map<String, Double> published = new HashMap<>();
    meta.current().forEach(r -> published.put(r.name(), r.mtime()));
    List<CranEntry> current = new ArrayList<>();
    Map<String, CranEntry> currentByPkg = new HashMap<>();
    for (CranEntry e : upstream) {
      Double t = published.get(e.fileName());
      if (t == null) {
        ctx.warn(e.describe() + ": current.rds gives no publication time; kept in the backfill");
      }
      if (t == null || onTime(t)) {
        current.add(e);
        currentByPkg.put(e.name(), e);
      }
    }
    List<ArchivedFile> promoted = new ArrayList<>();
    Map<String, List<ArchivedFile>> archived = new TreeMap<>();
    for (Map.Entry<String, List<ArchivedFile>> p : meta.parsed().entrySet()) {
      List<ArchivedFile> kept = new ArrayList<>();
      for (ArchivedFile a : p.getValue()) {
        if (a.info().mtime() != null && onTime(a.info().mtime())) {
          kept.add(a);
        }
      }
      if (kept.isEmpty()) {
        continue;
      }
      // Archived versions are older than the current one; the newest archived one is current on
      // D when the current version came later.
      kept.sort(Comparator.comparing((ArchivedFile a) -> a.info().mtime()));
      if (!currentByPkg.containsKey(p.getKey())) {
        promoted.add(kept.remove(kept.size() - 1));
      }
      if (!kept.isEmpty()) {
        archived.put(p.getKey(), kept);
      }
    }
    ctx.info(
        "backfill to "
            + cutoff
            + ": "
            + current.size()
            + " current versions still current, "
            + promoted.size()
            + " brought back from the Archive");
    return new Plan(current, promoted, archived);
  }

  private boolean onTime(double mtime) {
    return mtime < cutoff.getEpochSecond();
  }

  /**
   * The index entry of an archived file brought back, made from its DESCRIPTION as write_PACKAGES
   * makes a record; {@code stored} is its pool file.
   */
  CranEntry entryOf(ArchivedFile a, FileEntry stored, int index) throws IOException {
    SourceIndex.Tarball t;
    try (InputStream in = ctx.storage().open(stored.path())) {
      t = SourceIndex.readTarball(in, a.fileName());
    }
    DcfRecord r = t.record();
    return CranEntry.of(r, "Archive/" + a.pkg() + "/" + a.fileName(), index);
  }

  /** current.rds rows for the files brought back: their archive.rds rows, renamed. */
  static List<FileInfo> currentRows(List<FileInfo> upstream, List<ArchivedFile> promoted) {
    List<FileInfo> rows = new ArrayList<>(upstream);
    promoted.forEach(a -> rows.add(a.info().named(a.fileName())));
    return rows;
  }

  /** The manifest properties of a backfilled snapshot. */
  Map<String, String> properties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("backfilled", "true");
    props.put("backfill-cutoff", cutoff.toString());
    props.put("backfilled-on", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    props.put(
        "backfill-note",
        "versions dated by upstream's Meta/archive.rds and current.rds mtimes; binaries cannot be"
            + " backfilled and are left out");
    return props;
  }

  /** Index entries sorted as upstream's are. */
  static void sort(List<CranEntry> entries) {
    entries.sort(
        Comparator.comparing(CranEntry::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(CranEntry::name)
            .thenComparing(CranEntry::version));
  }
}
