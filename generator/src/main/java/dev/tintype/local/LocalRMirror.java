package dev.tintype.local;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.ScratchFile;
import dev.tintype.format.cran.PackagesIndex;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Md5;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.index.RVersion;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a local directory of R source tarballs ({@code type: local-r}) as a dated snapshot: a
 * CRAN-like {@code src/contrib} whose PACKAGES are what {@code tools::write_PACKAGES} writes for
 * the directory, with {@code Path} into the pool.
 *
 * <p>Every run reads every tarball whole: the sha256 that names its pool file, and the MD5 and
 * DESCRIPTION of its index record, come from the bytes, never from a file's size or mtime, so a
 * file rewritten in place is always seen. Only a tarball whose bytes are not in the pool yet is
 * copied; the directory is never written to. Each file is copied to the scratch directory and
 * checked against the digest it was indexed with before it enters the pool, so a file that changes
 * during the run fails the run rather than publishing an index that disagrees with its file.
 */
public final class LocalRMirror implements Mirror {

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    Path dir = directory(ctx);
    LocalTarballs.Scan scan = LocalTarballs.read(ctx, dir);
    List<String> problems = new ArrayList<>(scan.problems());
    List<LocalTarball> files = distinct(scan.tarballs(), ctx, problems);
    if (!problems.isEmpty()) {
      throw LocalTarballs.refused(dir, problems);
    }
    files = LocalPurges.without(ctx, files, LocalTarball::sha256, LocalTarball::file);
    if (files.isEmpty() && !ctx.options().force()) {
      throw new BadUpstreamException(
          dir
              + ": no R source tarballs (<package>_<version>.tar.gz) found; refusing to publish an"
              + " empty snapshot (is the directory mounted?). Use --force if this is intended.");
    }
    List<FileEntry> stored = store(ctx, files);

    ctx.listener().phase(ctx.repo().name().name(), Phase.INDEX);
    List<DcfRecord> records = new ArrayList<>();
    for (int i : newest(files)) {
      records.add(
          files.get(i).record().with("Path", Layout.cranPathToPool(stored.get(i).digest())));
    }
    records.sort(
        Comparator.comparing((DcfRecord r) -> r.require("Package"), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(r -> r.require("Package")));
    for (int i = 0; i < files.size(); i++) {
      sink.link(Layout.cranContribFile(files.get(i).fileName()), stored.get(i));
    }
    PackagesIndex index = PackagesIndex.of(records);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    index.writePackagesGz(gz);
    ByteArrayOutputStream rds = new ByteArrayOutputStream();
    index.writePackagesRds(rds);
    writeOrCarry(ctx, sink, Layout.CRAN_CONTRIB + "/PACKAGES", index.packages());
    writeOrCarry(ctx, sink, Layout.CRAN_CONTRIB + "/PACKAGES.gz", gz.toByteArray());
    writeOrCarry(ctx, sink, Layout.CRAN_CONTRIB + "/PACKAGES.rds", rds.toByteArray());
    ctx.info(records.size() + " packages indexed from " + files.size() + " tarballs in " + dir);
    return new Result(records.size(), Map.of());
  }

  /**
   * Writes an index file, or, where the previous snapshot's file holds exactly these bytes (read
   * back and compared: a local index is small), carries that one over (a hard link on a file
   * system), as CRAN snapshots do, so an unchanged night costs links.
   */
  private static void writeOrCarry(
      MirrorContext ctx, SnapshotSink sink, String path, byte[] content) throws IOException {
    if (ctx.previous().isPresent()) {
      PreviousSnapshot m = ctx.previous().get();
      String sha = Sha256.hash(content).hex();
      FileEntry f = m.file(path);
      if (f != null && f.size() == content.length && f.sha256().equals(sha)) {
        String key = m.key(path);
        byte[] earlier = null;
        try (InputStream in = ctx.storage().open(key)) {
          earlier = in.readNBytes(content.length + 1);
        } catch (NoSuchFileException e) {
          // Gone from storage: written anew.
        }
        if (Arrays.equals(earlier, content)) {
          sink.carry(path, key, f);
          return;
        }
      }
    }
    sink.write(path, content);
  }

  private static Path directory(MirrorContext ctx) throws BadUpstreamException {
    try {
      return Path.of(ctx.repo().upstream());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new BadUpstreamException(
          ctx.repo().name().name()
              + ": path "
              + ctx.repo().upstream()
              + " is not a local directory",
          e);
    }
  }

  /**
   * One tarball per file name: copies with the same bytes in several subdirectories are one file;
   * with different bytes, a problem naming both is added to {@code problems}.
   */
  static List<LocalTarball> distinct(
      List<LocalTarball> all, MirrorContext ctx, List<String> problems) {
    Map<String, LocalTarball> byName = new LinkedHashMap<>();
    for (LocalTarball t : all) {
      LocalTarball seen = byName.putIfAbsent(t.fileName(), t);
      if (seen == null) {
        continue;
      }
      if (seen.sha256().equals(t.sha256())) {
        ctx.info(t.relative() + " is the same file as " + seen.relative() + "; published once");
      } else {
        problems.add(
            t.relative()
                + ": "
                + t.name()
                + " "
                + t.version()
                + " differs from "
                + seen.relative()
                + " (sha256 "
                + t.sha256().hex()
                + " and "
                + seen.sha256().hex()
                + "); a version is one file: remove or rename one of them");
      }
    }
    List<LocalTarball> out = new ArrayList<>(byName.values());
    out.sort(Comparator.comparing(LocalTarball::fileName));
    return out;
  }

  /**
   * The positions of the tarballs PACKAGES lists, as R's {@code .remove_stale_dups}: of a package's
   * versions the highest, and among equal versions (1.0 and 1.0.0) the first file by name.
   */
  static List<Integer> newest(List<LocalTarball> files) {
    Map<String, Integer> best = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      LocalTarball t = files.get(i);
      Integer b = best.get(t.name());
      if (b == null || RVersion.compare(t.version(), files.get(b).version()) > 0) {
        best.put(t.name(), i);
      }
    }
    return List.copyOf(best.values());
  }

  /** The pool file of each tarball, in order: those the pool has are not copied again. */
  private static List<FileEntry> store(MirrorContext ctx, List<LocalTarball> files)
      throws IOException {
    FileEntry[] stored = new FileEntry[files.size()];
    List<LocalTarball> missing = new ArrayList<>();
    Map<LocalTarball, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      LocalTarball t = files.get(i);
      FileEntry e =
          new FileEntry(
              Layout.poolFile(t.sha256(), t.fileName()), t.size(), t.sha256().hex(), t.md5());
      if (ctx.pool().has(e)) {
        stored[i] = e;
      } else {
        missing.add(t);
        at.put(t, i);
      }
    }
    ctx.info(
        files.size()
            + " tarballs: "
            + (files.size() - missing.size())
            + " already in the pool, "
            + missing.size()
            + " copied");
    Map<LocalTarball, FileEntry> copied =
        ParallelFetch.run(ctx, Phase.COPY, missing, LocalTarball::relative, t -> copyIn(ctx, t));
    copied.forEach((t, e) -> stored[at.get(t)] = e);
    return List.of(stored);
  }

  /**
   * Copies one tarball into the pool through a scratch file whose bytes must be those the index
   * record was made from.
   */
  private static FileEntry copyIn(MirrorContext ctx, LocalTarball t) throws IOException {
    ScratchFile scratch = ScratchFile.create(ctx.scratch());
    Path tmp = scratch.path();
    FileEntry stored = null;
    try {
      MessageDigest sha = Sha256.newDigest();
      MessageDigest md5 = Md5.newDigest();
      long size = 0;
      try (InputStream in = Files.newInputStream(t.file());
          OutputStream out = scratch.out()) {
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          sha.update(buf, 0, n);
          md5.update(buf, 0, n);
          out.write(buf, 0, n);
          size += n;
        }
      }
      Sha256 got = Sha256.of(sha.digest());
      if (!got.equals(t.sha256()) || size != t.size()) {
        throw new BadUpstreamException(
            t.relative()
                + ": changed while tintype read it (sha256 "
                + t.sha256().hex()
                + ", then "
                + got.hex()
                + "); nothing is published: run again once the directory is still");
      }
      stored =
          ctx.pool().add(new Downloaded(tmp, got, Md5.hex(md5.digest()), size), t.fileName(), true);
    } finally {
      // The pool took the file it added; anything else is removed here.
      if (stored == null) {
        Files.deleteIfExists(tmp);
      }
    }
    return stored;
  }
}
