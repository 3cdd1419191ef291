package dev.tintype.local;

import dev.tintype.fetch.Downloaded;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Puts the files of a local Python directory into the pool: each copied (never moved or altered,
 * the directory stays the administrator's) through scratch, checked against the digest it was read
 * with; a file the pool already holds is not copied again.
 */
final class LocalPythonPool {
  /** A package file's pool entry, and its {@code .metadata} file's (null for an sdist). */
  record Stored(FileEntry file, FileEntry metadata) {}

  private final MirrorContext ctx;

  LocalPythonPool(MirrorContext ctx) {
    this.ctx = ctx;
  }

  /** The pool entries of {@code f} without storing anything. */
  static Stored entries(LocalPythonFile f) {
    String fileName = f.name().fileName();
    FileEntry file =
        new FileEntry(Layout.poolFile(f.sha256(), fileName), f.size(), f.sha256().hex(), null);
    FileEntry meta =
        f.metadata() == null
            ? null
            : new FileEntry(
                Layout.poolDir(f.sha256()) + "/" + fileName + ".metadata",
                f.metadata().length,
                Sha256.hash(f.metadata()).hex(),
                null);
    return new Stored(file, meta);
  }

  /** Whether the pool lacks the file or its metadata. */
  boolean lacks(LocalPythonFile f) throws IOException {
    Stored s = entries(f);
    return !ctx.pool().has(s.file()) || (s.metadata() != null && !ctx.pool().has(s.metadata()));
  }

  /** Copies the file, and writes its metadata, into the pool. */
  void store(LocalPythonFile f) throws IOException {
    Stored s = entries(f);
    String fileName = f.name().fileName();
    if (!ctx.pool().has(s.file())) {
      Path tmp = Files.createTempFile(ctx.scratch(), "local-", ".part");
      try {
        Sha256 copied = copy(f.path(), tmp);
        if (!copied.equals(f.sha256())) {
          throw new BadUpstreamException(
              fileName
                  + ": changed while being read (sha256 "
                  + f.sha256().hex()
                  + ", then "
                  + copied.hex()
                  + "); nothing published, run the sync again");
        }
        ctx.pool().add(new Downloaded(tmp, f.sha256(), null, f.size()), fileName, false);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    if (s.metadata() != null && !ctx.pool().has(s.metadata())) {
      Path tmp = Files.createTempFile(ctx.scratch(), "local-", ".metadata");
      try {
        Files.write(tmp, f.metadata());
        Downloaded d =
            new Downloaded(tmp, new Sha256(s.metadata().sha256()), null, f.metadata().length);
        ctx.pool().addBeside(d, f.sha256(), fileName + ".metadata");
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static Sha256 copy(Path from, Path to) throws IOException {
    MessageDigest md = Sha256.newDigest();
    byte[] buf = new byte[65536];
    try (InputStream in = Files.newInputStream(from);
        OutputStream out = Files.newOutputStream(to)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    return Sha256.of(md.digest());
  }
}
