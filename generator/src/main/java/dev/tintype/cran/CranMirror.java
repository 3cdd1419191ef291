package dev.tintype.cran;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.fetch.Limits;
import dev.tintype.format.cran.PackagesIndex;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Mirrors a CRAN-like repository's source packages ({@code src/contrib}). */
public final class CranMirror implements Mirror {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    List<CranEntry> entries = readIndex(ctx);
    ctx.info(entries.size() + " packages listed upstream");
    List<FileEntry> stored = fetchAll(ctx, entries);

    ctx.listener().phase(ctx.repo().name().name(), Phase.INDEX);
    List<DcfRecord> records = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      records.add(
          entries.get(i).record().with("Path", Layout.cranPathToPool(stored.get(i).digest())));
    }
    // The indexes are built on other threads while this one places the hard links, which is
    // mostly waiting on the file system.
    PackagesIndex index = PackagesIndex.of(records);
    Future<Plan> plan = ctx.downloads().submit(() -> plan(ctx, index));
    Future<byte[]> rds = null;
    try {
      Set<String> linked = new HashSet<>();
      for (int i = 0; i < entries.size(); i++) {
        CranEntry e = entries.get(i);
        FileEntry f = stored.get(i);
        if (linked.add(e.fileName())) {
          sink.link(Layout.cranContribFile(e.fileName()), f);
        } else {
          sink.reference(f);
        }
      }
      Plan p = await(plan, "PACKAGES");
      rds = p.rds();
      if (p.earlier() == null) {
        sink.write(INDEXES.get(0), index.packages());
        sink.write(INDEXES.get(1), p.gz());
        sink.write(INDEXES.get(2), await(rds, "PACKAGES.rds"));
      } else {
        carry(ctx, sink, p.earlier());
      }
    } finally {
      plan.cancel(true);
      if (rds != null) {
        rds.cancel(true);
      }
    }
    return new Result(entries.size(), Map.of());
  }

  /**
   * Reads upstream PACKAGES.gz (or PACKAGES), validates every record, sorts them by name. The index
   * is parsed as it streams in: the compressed body is capped at {@code limits.max-page-size}, what
   * it decompresses to at {@code limits.max-index-size}, and one record at {@link
   * Dcf#MAX_RECORD_BYTES}, so a decompression bomb fails with a message instead of exhausting
   * memory.
   */
  static List<CranEntry> readIndex(MirrorContext ctx) throws IOException {
    String base = ctx.repo().upstreamBase() + "/src/contrib/";
    Limits limits = ctx.fetcher().limits();
    String source = base + "PACKAGES.gz";
    Optional<IndexReader.Result> read =
        ctx.fetcher()
            .page(
                URI.create(source),
                null,
                limits.maxPageBytes(),
                IndexReader.gzip(source, limits.maxIndexBytes()));
    if (read.isEmpty()) {
      source = base + "PACKAGES";
      read =
          ctx.fetcher()
              .page(URI.create(source), null, limits.maxPageBytes(), IndexReader.plain(source));
    }
    List<DcfRecord> records =
        read.orElseThrow(
                () ->
                    new BadUpstreamException(
                        ctx.repo().upstreamBase()
                            + " has neither src/contrib/PACKAGES.gz nor src/contrib/PACKAGES: "
                            + "is it a CRAN-like repository?"))
            .get();
    List<CranEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      CranEntry e = CranEntry.of(records.get(i), source, i);
      if (!seen.add(e.name() + " " + e.version() + " " + e.fileName())) {
        ctx.warn(source + ": " + e.describe() + " is listed twice; keeping the first");
        continue;
      }
      entries.add(e);
    }
    entries.sort(
        Comparator.comparing(CranEntry::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(CranEntry::name)
            .thenComparing(CranEntry::version));
    return entries;
  }

  /** The pool file of each entry, in the same order. */
  private static List<FileEntry> fetchAll(MirrorContext ctx, List<CranEntry> entries)
      throws IOException {
    Map<String, FileEntry> known = knownFiles(ctx.previous());
    // By position, not by entry: an entry's hash code walks its whole record.
    FileEntry[] stored = new FileEntry[entries.size()];
    List<CranEntry> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      CranEntry e = entries.get(i);
      FileEntry k = e.md5() == null ? null : known.get(e.fileName() + "\0" + e.md5());
      if (k != null && ctx.pool().has(k)) {
        stored[i] = k;
      } else {
        missing.add(e);
        missingAt.add(i);
      }
    }
    ctx.info(
        (entries.size() - missing.size())
            + " files already in the pool, "
            + missing.size()
            + " to download");
    Map<CranEntry, FileEntry> fetched =
        ParallelFetch.run(ctx, missing, CranEntry::describe, e -> fetchOne(ctx, e));
    for (int m = 0; m < missing.size(); m++) {
      stored[missingAt.get(m)] = fetched.get(missing.get(m));
    }
    return Arrays.asList(stored);
  }

  private static FileEntry fetchOne(MirrorContext ctx, CranEntry e) throws IOException {
    URI url = URI.create(ctx.repo().upstreamBase() + "/src/contrib/" + e.upstreamRelative());
    Downloaded d =
        ctx.fetcher().download(url, ctx.scratch(), e.describe(), new Expected(e.md5(), null, null));
    try {
      DescriptionCheck.check(d.file(), e);
      return ctx.pool().add(d, e.fileName(), true);
    } finally {
      java.nio.file.Files.deleteIfExists(d.file());
    }
  }

  /** Pool files earlier snapshots hold, by file name and MD5: these need no download. */
  private static Map<String, FileEntry> knownFiles(Optional<Manifest> previous) {
    Map<String, FileEntry> m = new HashMap<>();
    previous.ifPresent(
        p -> {
          for (FileEntry f : p.pool()) {
            if (f.md5() != null) {
              String name = f.path().substring(f.path().lastIndexOf('/') + 1);
              m.put(name + "\0" + f.md5(), f);
            }
          }
        });
    return m;
  }

  /**
   * The indexes to publish: the earlier snapshot's three files where they hold exactly what this
   * run would write, else the .gz written here and the .rds on another thread.
   */
  record Plan(List<FileEntry> earlier, byte[] gz, Future<byte[]> rds) {}

  private static Plan plan(MirrorContext ctx, PackagesIndex index) throws IOException {
    List<FileEntry> earlier = sameAsEarlier(ctx, index);
    if (earlier != null) {
      return new Plan(earlier, null, null);
    }
    // Not awaited here: with one download thread that would wait on itself.
    Future<byte[]> rds = ctx.downloads().submit(() -> bytes(index::writePackagesRds));
    return new Plan(null, bytes(index::writePackagesGz), rds);
  }

  private static final List<String> INDEXES =
      List.of(
          Layout.CRAN_CONTRIB + "/PACKAGES",
          Layout.CRAN_CONTRIB + "/PACKAGES.gz",
          Layout.CRAN_CONTRIB + "/PACKAGES.rds");

  /**
   * The earlier snapshot's PACKAGES, PACKAGES.gz and PACKAGES.rds, if they are the same as this
   * run's: the text byte for byte, and the other two gzip members of this writer whose content is
   * byte for byte what it would compress (the .rds serializes every cell of the table, so this
   * proves the same records). Each file must also match its size and sha256 in the earlier
   * manifest. Their manifest entries, or null (after little work in the usual case of a changed
   * index).
   */
  static List<FileEntry> sameAsEarlier(MirrorContext ctx, PackagesIndex index) throws IOException {
    if (ctx.previous().isEmpty()) {
      return null;
    }
    Manifest m = ctx.previous().get();
    Map<String, FileEntry> files = new HashMap<>();
    for (FileEntry f : m.files()) {
      if (INDEXES.contains(f.path())) {
        files.put(f.path(), f);
      }
    }
    byte[] text = index.packages();
    FileEntry packages = files.get(INDEXES.get(0));
    if (files.size() != INDEXES.size() || packages.size() != text.length) {
      return null;
    }
    List<byte[]> bytes = new ArrayList<>();
    for (String path : INDEXES) {
      FileEntry f = files.get(path);
      byte[] b;
      try (InputStream in =
          ctx.storage().open(Layout.snapshotFile(m.repoName(), m.snapshotDate(), path))) {
        b = in.readNBytes((int) Math.min(f.size() + 1, Integer.MAX_VALUE - 8));
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      }
      if (b.length != f.size() || !Sha256.hash(b).hex().equals(f.sha256())) {
        return null;
      }
      bytes.add(b);
    }
    boolean same =
        Arrays.equals(bytes.get(0), text)
            && index.isPackagesGz(bytes.get(1))
            && index.isPackagesRds(bytes.get(2));
    return same ? INDEXES.stream().map(files::get).toList() : null;
  }

  /** Puts the earlier indexes in place without reading them again (links, or copies in S3). */
  private static void carry(MirrorContext ctx, SnapshotSink sink, List<FileEntry> earlier)
      throws IOException {
    Manifest m = ctx.previous().orElseThrow();
    for (FileEntry f : earlier) {
      sink.carry(f.path(), Layout.snapshotFile(m.repoName(), m.snapshotDate(), f.path()), f);
    }
  }

  private static <T> T await(Future<T> f, String what) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing " + what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("writing " + what + " failed: " + e.getCause(), e.getCause());
    }
  }

  interface Writer {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static byte[] bytes(Writer w) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out);
    return out.toByteArray();
  }
}
