package dev.tintype.cran;

import dev.tintype.format.cran.PackagesIndex;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The PACKAGES, PACKAGES.gz and PACKAGES.rds of one contrib dir of a snapshot: written anew, or
 * carried from the earlier snapshot when they would be the same.
 */
final class ContribIndexes {
  private final MirrorContext ctx;
  private final List<String> paths;

  ContribIndexes(MirrorContext ctx, String contribDir) {
    this.ctx = ctx;
    this.paths = Layout.R_INDEXES.stream().map(i -> Layout.contribIndex(contribDir, i)).toList();
  }

  /**
   * The indexes to publish: the earlier snapshot's three files where they hold exactly what this
   * run would write, else the .gz written here and the .rds on another thread.
   */
  record Plan(List<FileEntry> earlier, byte[] gz, Future<byte[]> rds) {}

  Plan plan(PackagesIndex index) throws IOException {
    List<FileEntry> earlier = sameAsEarlier(index);
    if (earlier != null) {
      return new Plan(earlier, null, null);
    }
    // Not awaited here: with one download thread that would wait on itself.
    Future<byte[]> rds = ctx.downloads().submit(() -> bytes(index::writePackagesRds));
    return new Plan(null, bytes(index::writePackagesGz), rds);
  }

  void publish(SnapshotSink sink, PackagesIndex index, Plan p) throws IOException {
    if (p.earlier() == null) {
      sink.write(paths.get(0), index.packages());
      sink.write(paths.get(1), p.gz());
      sink.write(paths.get(2), await(p.rds(), "PACKAGES.rds"));
    } else {
      // Puts the earlier indexes in place without reading them again (links, or copies in S3).
      PreviousSnapshot m = ctx.previous().orElseThrow();
      for (FileEntry f : p.earlier()) {
        sink.carry(f.path(), m.key(f.path()), f);
      }
    }
  }

  /**
   * The earlier snapshot's PACKAGES, PACKAGES.gz and PACKAGES.rds, if they are the same as this
   * run's: the text byte for byte, and the other two gzip members of this writer whose content is
   * byte for byte what it would compress (the .rds serializes every cell of the table, so this
   * proves the same records). Each file must also match its size and sha256 in the earlier
   * manifest. Their manifest entries, or null (after little work in the usual case of a changed
   * index).
   */
  List<FileEntry> sameAsEarlier(PackagesIndex index) throws IOException {
    if (ctx.previous().isEmpty()) {
      return null;
    }
    PreviousSnapshot m = ctx.previous().get();
    Map<String, FileEntry> files = new HashMap<>();
    for (String path : paths) {
      FileEntry f = m.file(path);
      if (f != null) {
        files.put(path, f);
      }
    }
    byte[] text = index.packages();
    FileEntry packages = files.get(paths.get(0));
    if (files.size() != paths.size() || packages.size() != text.length) {
      return null;
    }
    List<byte[]> bytes = new ArrayList<>();
    for (String path : paths) {
      FileEntry f = files.get(path);
      byte[] b;
      try (InputStream in = ctx.storage().open(m.key(path))) {
        b = in.readNBytes((int) Math.min(f.size() + 1, Integer.MAX_VALUE - 8));
      } catch (NoSuchFileException e) {
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
    return same ? paths.stream().map(files::get).toList() : null;
  }

  static <T> T await(Future<T> f, String what) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + what);
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
