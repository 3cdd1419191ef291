package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.bundle.Bundle;
import dev.tintype.bundle.BundleListener;
import dev.tintype.bundle.ChunkSize;
import dev.tintype.bundle.Exporter;
import dev.tintype.bundle.Importer;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx workers run as another user than the sync (www-data, nobody): everything published must be
 * readable by all, although downloads start as 0600 temporary files.
 */
class PublishedModesTest {
  private static final RepoName CRAN = new RepoName("cran");

  @TempDir Path tmp;

  @Test
  void aSyncPublishesPoolFilesSnapshotFilesAndDirectoriesReadableByAll() throws IOException {
    Path root = sync(tmp.resolve("root"));

    List<String> bad = notReadableByAll(root);

    assertThat(bad).isEmpty();
    assertThat(served(root))
        .anyMatch(p -> p.startsWith("pool/"))
        .anyMatch(p -> p.endsWith(".tar.gz"));
  }

  @Test
  void anImportPublishesReadableByAllAndRepairsPoolFilesAnOlderVersionLeftPrivate()
      throws IOException {
    Path online = sync(tmp.resolve("online"));
    Path media = tmp.resolve("media");
    Exporter exporter = new Exporter(new FileStorage(online));
    exporter.write(
        exporter.plan(CRAN, SnapshotDate.parse("2026-11-20"), Optional.empty(), ChunkSize.MIN),
        media,
        BundleListener.NONE);
    // The offline root already holds the pool files, as an older tintype stored them: 0600.
    Path offline = tmp.resolve("offline");
    try (Stream<Path> s = Files.walk(online.resolve("pool"))) {
      for (Path p : s.toList()) {
        Path copy = offline.resolve(online.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(p, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
      }
    }

    new Importer(new FileStorage(offline)).importBundle(Bundle.open(media), BundleListener.NONE);

    assertThat(notReadableByAll(offline)).isEmpty();
    assertThat(served(offline)).contains("cran/2026-11-20/manifest.json");
  }

  private Path sync(Path root) throws IOException {
    CranUpstream upstream =
        new CranUpstream(tmp.resolve("upstream-" + root.getFileName()))
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .write();
    try (Rig rig = new Rig(new FileStorage(root))) {
      rig.sync(Rig.repo("cran", RepoType.CRAN, upstream.root().toUri().toString()), "2026-11-20");
    }
    return root;
  }

  /** Everything nginx may serve: all but {@code .tintype/}. */
  private static List<String> served(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString())
          .filter(p -> !p.isEmpty() && !p.startsWith(".tintype"))
          .toList();
    }
  }

  private static List<String> notReadableByAll(Path root) throws IOException {
    List<String> bad = new ArrayList<>();
    for (String rel : served(root)) {
      Path p = root.resolve(rel);
      if (Files.isSymbolicLink(p)) {
        continue; // latest: a symlink's own mode means nothing
      }
      Set<PosixFilePermission> have = Files.getPosixFilePermissions(p);
      Set<PosixFilePermission> want =
          PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--");
      if (!have.containsAll(want)) {
        bad.add(rel + " " + PosixFilePermissions.toString(have));
      }
    }
    return bad;
  }
}
