package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.storage.FileTrees;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stock nginx started by root runs its workers as an unprivileged user. What a sync or an import
 * publishes must be readable by that user, even when tintype runs under a umask of 077.
 */
class ServePermissionsIT {
  private static final String WORKER = "nobody";
  private static final String D1 = "2026-11-20";

  @TempDir Path tmp;
  private Path base;

  @BeforeEach
  void publicBase() throws IOException {
    ExternalTools.assumeNginx();
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "only nginx started by root runs its workers as another user");
    // @TempDir is 0700, and so may be a directory above the checkout (mktemp -d): the roots go
    // straight under the system's temp dir, where the worker user can reach them.
    base = Files.createTempDirectory("tintype-serve-permissions-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void removeBase() throws IOException {
    if (base != null) {
      FileTrees.deleteTree(base);
    }
  }

  @Test
  void nginxWorkersRunningAsNobodyServeWhatASyncAndAnImportPublished() throws Exception {
    CranUpstream upstream =
        new CranUpstream(tmp.resolve("upstream"))
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .write();
    Path online = base.resolve("online");
    Path offline = base.resolve("offline");
    Path configA = config("a.yaml", online, upstream.root().toUri().toString());
    Path configB = config("b.yaml", offline, "https://unused.example");
    Path media = tmp.resolve("media");

    tintypeWithUmask077("sync", "--config", configA.toString(), "--date", D1);
    tintypeWithUmask077(
        "export", "--config", configA.toString(), "--date", D1, "--out", media.toString());
    tintypeWithUmask077("import", "--config", configB.toString(), media.toString());

    for (Path root : List.of(online, offline)) {
      List<String> paths = new ArrayList<>();
      paths.add("/cran/" + D1 + "/src/contrib/PACKAGES");
      paths.add("/cran/" + D1 + "/src/contrib/pkgA_1.0.0.tar.gz");
      paths.add("/cran/latest/src/contrib/pkgB_0.1.0.tar.gz");
      paths.add("/cran/" + D1 + "/manifest.json");
      try (Stream<Path> s = Files.walk(root.resolve("pool"))) {
        s.filter(Files::isRegularFile).forEach(p -> paths.add("/" + root.relativize(p)));
      }
      try (NginxServer nginx = NginxServer.start(root, WORKER)) {
        for (String path : paths) {
          assertThat(status(nginx.url() + path)).as(root + ": GET " + path).isEqualTo(200);
        }
      }
    }
  }

  private Path config(String name, Path root, String upstream) throws IOException {
    Path config = tmp.resolve(name);
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + upstream
            + "'}]\n");
    return config;
  }

  /** Runs the jar as {@link Cli#run} does, with a umask that makes every new file private. */
  private static void tintypeWithUmask077(String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask 077 && exec java -Xmx256m -jar \"$0\" \"$@\"",
                Cli.jar().toString()));
    cmd.addAll(List.of(args));
    ProcessRunner.run(Duration.ofMinutes(5), Path.of("."), Map.of(), cmd).requireSuccess();
  }

  private static int status(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }
}
