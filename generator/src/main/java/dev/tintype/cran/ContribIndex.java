package dev.tintype.cran;

import dev.tintype.fetch.Limits;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Sha256;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Upstream's index of one contrib dir, read, checked and in the order tintype writes it. */
final class ContribIndex {
  private ContribIndex() {}

  /** What identifies the upstream state a snapshot or shard was planned from. */
  static String digest(List<CranEntry> entries) {
    MessageDigest d = Sha256.newDigest();
    for (CranEntry e : entries) {
      String line = e.name() + "\t" + e.version() + "\t" + e.fileName() + "\t" + e.md5() + "\n";
      d.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return Sha256.of(d.digest()).hex();
  }

  /**
   * Reads upstream PACKAGES.gz (or PACKAGES), validates every record, sorts them by name; empty
   * when upstream has neither. The index is parsed as it streams in: the compressed body is capped
   * at {@code limits.max-page-size}, what it decompresses to at {@code limits.max-index-size}, and
   * one record at {@link Dcf#MAX_RECORD_BYTES}, so a decompression bomb fails with a message
   * instead of exhausting memory.
   */
  static Optional<List<CranEntry>> read(MirrorContext ctx, ContribLocation loc) throws IOException {
    Limits limits = ctx.fetcher().limits();
    String source = loc.upstream() + "/PACKAGES.gz";
    // Through the share: a publish reads the index its shards planned from, not upstream's now.
    Optional<IndexReader.Result> read =
        ctx.share()
            .page(
                ctx.fetcher(),
                URI.create(source),
                null,
                limits.maxPageBytes(),
                IndexReader.gzip(source, limits.maxIndexBytes()));
    if (read.isEmpty()) {
      source = loc.upstream() + "/PACKAGES";
      read =
          ctx.share()
              .page(
                  ctx.fetcher(),
                  URI.create(source),
                  null,
                  limits.maxPageBytes(),
                  IndexReader.plain(source));
    }
    if (read.isEmpty()) {
      return Optional.empty();
    }
    List<DcfRecord> records = read.get().get();
    List<CranEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      CranEntry e = CranEntry.of(records.get(i), source, i, loc.dir(), loc.kind());
      if (!seen.add(e.name() + " " + e.version() + " " + e.fileName())) {
        ctx.warn(source + ": " + e.describe() + " is listed twice; keeping the first");
        continue;
      }
      entries.add(e);
    }
    entries.sort(ORDER);
    return Optional.of(entries);
  }

  static final Comparator<CranEntry> ORDER =
      Comparator.comparing(CranEntry::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(CranEntry::name)
          .thenComparing(CranEntry::version);
}
