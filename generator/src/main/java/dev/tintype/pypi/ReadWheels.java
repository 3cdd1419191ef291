package dev.tintype.pypi;

import dev.tintype.fetch.Downloaded;
import dev.tintype.format.layout.Sha256;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Wheels the closure downloaded to read their METADATA (upstream had no PEP 658 file), kept in the
 * scratch dir until the pool fetch takes them, so that each is downloaded once. The closure
 * verified each against every digest its page gives, as the pool fetch would; a kept wheel is named
 * by its sha256. The scratch dir is the run's own (a dry run's is a temporary dir), so nothing
 * reaches the storage unless the sync stores it.
 */
final class ReadWheels {
  private static final Pattern NAME = Pattern.compile("read-([0-9a-f]{64})\\.whl");

  private ReadWheels() {}

  private static Path path(MirrorContext ctx, Sha256 sha) {
    return ctx.scratch().resolve("read-" + sha.hex() + ".whl");
  }

  /** Keeps a verified download for {@link #take}; {@code d}'s file is moved away. */
  static void keep(MirrorContext ctx, Downloaded d) throws IOException {
    Files.move(d.file(), path(ctx, d.sha256()), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The kept wheel of this sha256, now the caller's to delete; empty when none was kept. */
  static Optional<Downloaded> take(MirrorContext ctx, Sha256 sha) throws IOException {
    Path p = path(ctx, sha);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    return Optional.of(new Downloaded(p, sha, null, Files.size(p)));
  }

  /** Deletes the kept wheels the sync will not store (the closure left them out). */
  static void dropAllBut(MirrorContext ctx, Set<String> sha256s) throws IOException {
    if (!Files.isDirectory(ctx.scratch())) {
      return;
    }
    try (Stream<Path> s = Files.list(ctx.scratch())) {
      for (Path p : s.toList()) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && !sha256s.contains(m.group(1))) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
