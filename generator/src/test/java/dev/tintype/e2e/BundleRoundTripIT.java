package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.NginxServer;
import dev.tintype.fixtures.Pip;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.fixtures.Rscript;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync on side A, export full and incremental bundles, import them on an empty side B. */
@Tag("e2e")
class BundleRoundTripIT {
  static final String D1 = "2026-11-27";
  static final String D2 = "2026-12-04";

  @TempDir Path tmp;

  /** Two CRAN snapshots on A: pkgA changes and pkgC appears between them. */
  static Path syncCranOnA(Path tmp) throws IOException {
    Path up = tmp.resolve("upstream");
    CranUpstream upstream =
        new CranUpstream(up)
            .add(CranPackage.of("pkgA", "1.0.0").sizeKiB(150))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .add(CranPackage.of("latinpkg", "0.5").latin1())
            .write();
    Path configA =
        config(tmp.resolve("a.yaml"), tmp.resolve("A"), "cran", "cran", up.toUri().toString());
    Cli.run("sync", "--config", configA.toString(), "--date", D1).requireSuccess();
    upstream
        .add(CranPackage.of("pkgA", "1.1.0").sizeKiB(150))
        .add(CranPackage.of("pkgC", "0.2"))
        .write();
    Cli.run("sync", "--config", configA.toString(), "--date", D2).requireSuccess();
    return configA;
  }

  static Path config(Path file, Path root, String repo, String type, String upstream)
      throws IOException {
    Files.writeString(
        file,
        "storage: {filesystem: '"
            + root
            + "'}\nrepos: [{name: "
            + repo
            + ", type: "
            + type
            + ", upstream: '"
            + upstream
            + "'"
            + (type.equals("pypi") ? ", projects: [Demo.Pkg, tiny_dep, Other_Thing]" : "")
            + "}]\n");
    return file;
  }

  @Test
  void fullAndIncrementalBundlesRebuildAByteIdenticalTreeOnAnEmptyRoot() throws Exception {
    Path configA = syncCranOnA(tmp);
    Path configB =
        config(tmp.resolve("b.yaml"), tmp.resolve("B"), "cran", "cran", "https://unused.example");
    Path media = tmp.resolve("media");

    Manifest m1 = manifest(tmp.resolve("A"), D1);
    Manifest m2 = manifest(tmp.resolve("A"), D2);
    Set<String> basePool = new HashSet<>();
    m1.pool().forEach(f -> basePool.add(f.path()));
    long newPool = m2.pool().stream().filter(f -> !basePool.contains(f.path())).count();
    assertThat(newPool).as("pkgA 1.1.0 and pkgC are new").isEqualTo(2);
    long incFiles = newPool + m2.files().size() + 1;
    long incBytes =
        m2.pool().stream()
                .filter(f -> !basePool.contains(f.path()))
                .mapToLong(FileEntry::size)
                .sum()
            + m2.files().stream().mapToLong(FileEntry::size).sum()
            + Files.size(tmp.resolve("A/cran/" + D2 + "/manifest.json"));

    ProcessRunner.Result dry =
        Cli.run(
                "export",
                "--config",
                configA.toString(),
                "--repo",
                "cran",
                "--date",
                D2,
                "--since",
                D1,
                "--dry-run")
            .requireSuccess();
    assertThat(dry.stdout())
        .contains(
            "cran/" + D2 + " since " + D1 + ": " + incFiles + " files, " + incBytes + " bytes");
    assertThat(media).doesNotExist();

    ProcessRunner.Result full =
        Cli.run(
                "export",
                "--config",
                configA.toString(),
                "--repo",
                "cran",
                "--date",
                D1,
                "--chunk-size",
                "64K",
                "--out",
                media.resolve("d1").toString())
            .requireSuccess();
    assertThat(full.stdout()).contains("exported cran/" + D1 + " to ").contains("chunk-0003.tar");
    ProcessRunner.Result inc =
        Cli.run(
                "export",
                "--config",
                configA.toString(),
                "--repo",
                "cran",
                "--date",
                D2,
                "--since",
                D1,
                "--out",
                media.resolve("d2").toString())
            .requireSuccess();
    assertThat(inc.stdout())
        .contains(": " + incFiles + " files, " + incBytes + " bytes")
        .contains("in 1 chunk");

    ProcessRunner.Result early =
        Cli.run("import", "--config", configB.toString(), media.resolve("d2").toString());
    assertThat(early.exitCode()).as(early.stdout() + early.stderr()).isEqualTo(1);
    assertThat(early.stderr())
        .contains("incremental on cran/" + D1)
        .contains("import the bundle of cran/" + D1 + " first");

    Cli.run("import", "--config", configB.toString(), media.resolve("d1").toString())
        .requireSuccess();
    ProcessRunner.Result second =
        Cli.run("import", "--config", configB.toString(), media.resolve("d2").toString())
            .requireSuccess();
    assertThat(second.stdout()).contains("imported cran/" + D2 + ": 2 files stored");
    ProcessRunner.Result again =
        Cli.run("import", "--config", configB.toString(), media.resolve("d1").toString())
            .requireSuccess();
    assertThat(again.stdout()).contains("already published with the same manifest; unchanged");

    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("cran/" + D1 + ": ok")
        .contains("cran/" + D2 + ": ok");
    assertThat(tree(tmp.resolve("B"))).isEqualTo(tree(tmp.resolve("A")));
    Path b1 = tmp.resolve("B/cran/" + D1 + "/src/contrib/pkgB_0.1.0.tar.gz");
    assertThat((int) Files.getAttribute(b1, "unix:nlink"))
        .as("pool file plus a hard link in each snapshot, as on A")
        .isEqualTo(3);
  }

  @Test
  void rInstallsEachDateFromTheImportedRootServedByScriptsServe() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumeRscript();
    Path configA = syncCranOnA(tmp);
    Path configB =
        config(tmp.resolve("b.yaml"), tmp.resolve("B"), "cran", "cran", "https://unused.example");
    Path media = tmp.resolve("media");
    Cli.run(
            "export",
            "--config",
            configA.toString(),
            "--date",
            D1,
            "--out",
            media.resolve("d1").toString())
        .requireSuccess();
    Cli.run(
            "export",
            "--config",
            configA.toString(),
            "--date",
            D2,
            "--since",
            D1,
            "--out",
            media.resolve("d2").toString())
        .requireSuccess();
    Cli.run("import", "--config", configB.toString(), media.resolve("d1").toString())
        .requireSuccess();
    Cli.run("import", "--config", configB.toString(), media.resolve("d2").toString())
        .requireSuccess();

    try (NginxServer nginx = NginxServer.start(tmp.resolve("B"))) {
      assertThat(installedVersion(nginx.url() + "/cran/" + D1, "pkgB", "pkgA")).isEqualTo("1.0.0");
      assertThat(installedVersion(nginx.url() + "/cran/" + D2, "pkgB", "pkgA")).isEqualTo("1.1.0");
      assertThat(installedVersion(nginx.url() + "/cran/latest", "pkgC", "pkgC")).isEqualTo("0.2");
    }
  }

  @Test
  void pipInstallsFromAnImportedPypiSnapshot() throws Exception {
    ExternalTools.assumeNginx();
    ExternalTools.assumePip();
    Path up = tmp.resolve("upstream");
    PypiUpstream.demo(up);
    Path configB =
        config(tmp.resolve("b.yaml"), tmp.resolve("B"), "pypi", "pypi", "https://unused.example");
    try (FakeUpstream server = FakeUpstream.serve(up)) {
      Path configA = config(tmp.resolve("a.yaml"), tmp.resolve("A"), "pypi", "pypi", server.url());
      Cli.run("sync", "--config", configA.toString(), "--date", D1).requireSuccess();
      Cli.run(
              "export",
              "--config",
              configA.toString(),
              "--date",
              D1,
              "--chunk-size",
              "64K",
              "--out",
              tmp.resolve("media").toString())
          .requireSuccess();
    }
    Cli.run("import", "--config", configB.toString(), tmp.resolve("media").toString())
        .requireSuccess();
    Cli.run("verify", "--config", configB.toString()).requireSuccess();
    assertThat(tree(tmp.resolve("B"))).isEqualTo(tree(tmp.resolve("A")));

    try (NginxServer nginx = NginxServer.start(tmp.resolve("B"))) {
      Path target = tmp.resolve("site");
      Pip.install(target, nginx.url() + "/pypi/" + D1 + "/simple/", "demo-pkg").requireSuccess();
      try (Stream<Path> s = Files.list(target)) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .contains("demo_pkg-2.0.dist-info", "tiny_dep-0.2.dist-info");
      }
    }
  }

  static Manifest manifest(Path root, String date) throws IOException {
    Path p = root.resolve("cran/" + date + "/manifest.json");
    try (InputStream in = Files.newInputStream(p)) {
      return ManifestJson.read(in, p.toString());
    }
  }

  /** Every file under a root (but .tintype/) with its sha256, and every symlink with its target. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(".tintype")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, sha256(p));
        }
      }
    }
    return out;
  }

  static String sha256(Path p) throws IOException {
    MessageDigest d = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        d.update(buf, 0, n);
      }
    }
    return Sha256.of(d.digest()).hex();
  }

  private String installedVersion(String repos, String install, String check) throws IOException {
    return Rscript.installedVersion(tmp, repos, install, check);
  }
}
