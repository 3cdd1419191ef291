package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.format.layout.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged bundles, hostile bundles and a killed import, through the real CLI: each gives its error
 * or a clean resume, and the snapshot B already had still verifies.
 */
@Tag("e2e")
class BundleFaultIT {
  private static final String D0 = "2026-11-20";
  private static final String D1 = "2026-11-27";

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static Path configA;
  private Path configB;
  private Path bundle;

  @BeforeAll
  static void syncAndExportOnA() throws IOException {
    Path up = shared.resolve("upstream");
    CranUpstream upstream = new CranUpstream(up);
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "1.0." + i).sizeKiB(40));
    }
    upstream.write();
    configA =
        BundleRoundTripIT.config(
            shared.resolve("a.yaml"), shared.resolve("A"), "cran", "cran", up.toUri().toString());
    Cli.run("sync", "--config", configA.toString(), "--date", D0).requireSuccess();
    for (int i = 0; i < 6; i++) {
      upstream.add(CranPackage.of("pkg" + (char) ('A' + i), "2.0." + i).sizeKiB(40));
    }
    upstream.write();
    Cli.run("sync", "--config", configA.toString(), "--date", D1).requireSuccess();
    Cli.run(
            "export",
            "--config",
            configA.toString(),
            "--date",
            D0,
            "--out",
            shared.resolve("d0").toString())
        .requireSuccess();
    Cli.run(
            "export",
            "--config",
            configA.toString(),
            "--date",
            D1,
            "--chunk-size",
            "64K",
            "--out",
            shared.resolve("d1").toString())
        .requireSuccess();
  }

  /** B holds D0, imported from its bundle; the D1 bundle is a fresh copy each test may damage. */
  @BeforeEach
  void bHoldsTheEarlierSnapshot() throws IOException {
    configB =
        BundleRoundTripIT.config(
            tmp.resolve("b.yaml"), tmp.resolve("B"), "cran", "cran", "https://unused.example");
    Cli.run("import", "--config", configB.toString(), shared.resolve("d0").toString())
        .requireSuccess();
    bundle = Files.createDirectories(tmp.resolve("usb/d1"));
    try (Stream<Path> s = Files.list(shared.resolve("d1"))) {
      for (Path p : s.toList()) {
        Files.copy(p, bundle.resolve(p.getFileName()));
      }
    }
    assertThat(chunks()).hasSizeGreaterThanOrEqualTo(4);
  }

  private ProcessRunner.Result importD1() throws IOException {
    return Cli.run("import", "--config", configB.toString(), bundle.toString());
  }

  private void assertRefusedAndBStillVerifies(ProcessRunner.Result r, String... messages)
      throws IOException {
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).contains(messages);
    ProcessRunner.Result v = Cli.run("verify", "--config", configB.toString()).requireSuccess();
    assertThat(v.stdout()).contains("cran/" + D0 + ": ok").doesNotContain(D1);
    assertThat(Files.readSymbolicLink(tmp.resolve("B/cran/latest")).toString()).isEqualTo(D0);
  }

  @Test
  void aFlippedByteIsReportedWithTheChunkAndBothSha256s() throws IOException {
    Path second = chunks().get(1);
    String expected = sha256(second);
    byte[] b = Files.readAllBytes(second);
    b[b.length / 3] ^= 1;
    Files.write(second, b);

    assertRefusedAndBStillVerifies(
        importD1(),
        "chunk-0002.tar is damaged",
        "sha256 " + sha256(second) + ", expected " + expected,
        "nothing of cran/" + D1 + " was published");
  }

  @Test
  void aTruncatedLastChunkIsReported() throws IOException {
    Path last = chunks().get(chunks().size() - 1);
    String expected = sha256(last);
    long size = Files.size(last);
    try (var ch =
        java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    assertRefusedAndBStillVerifies(
        importD1(),
        last.getFileName() + " is damaged: " + size / 2 + " bytes, expected " + size,
        "sha256 " + sha256(last) + ", expected " + expected);
  }

  @Test
  void aDeletedChunkIsNamed() throws IOException {
    Path third = chunks().get(2);
    Files.delete(third);
    assertRefusedAndBStillVerifies(importD1(), "chunk-0003.tar is missing");
  }

  @Test
  void anEntryNamedDotDotEtcPasswdIsRefusedThoughItsChunkChecksumsMatch() throws IOException {
    Path first = chunks().get(0);
    List<TarArchiveEntry> entries = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(first))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.add(e);
        data.add(in.readAllBytes());
      }
    }
    entries.get(0).setName("../../etc/passwd");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(buf, 512)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < entries.size(); i++) {
        out.putArchiveEntry(entries.get(i));
        out.write(data.get(i));
        out.closeArchiveEntry();
      }
    }
    Files.write(first, buf.toByteArray());
    ObjectMapper json = new ObjectMapper();
    Path tocFile = bundle.resolve("tintype-bundle.json");
    ObjectNode toc = (ObjectNode) json.readTree(tocFile.toFile());
    ObjectNode chunk = (ObjectNode) ((ArrayNode) toc.get("chunks")).get(0);
    chunk.put("size", Files.size(first)).put("sha256", sha256(first));
    json.writeValue(tocFile.toFile(), toc);

    assertRefusedAndBStillVerifies(
        importD1(),
        "chunk-0001.tar: entry 1 '../../etc/passwd' is refused: contains a '..' segment");
    assertThat(tmp.resolve("etc")).doesNotExist();
    assertThat(tmp.resolve("B/etc")).doesNotExist();
  }

  @Test
  void anImportKilledHalfWayLeavesBIntactAndTheRerunSkipsWhatItStored() throws Exception {
    Process p =
        Cli.startStalled(
            "import:stored:3", "import", "--config", configB.toString(), bundle.toString());
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    ProcessRunner.Result v = Cli.run("verify", "--config", configB.toString()).requireSuccess();
    assertThat(v.stdout()).contains("cran/" + D0 + ": ok").doesNotContain(D1);

    ProcessRunner.Result rerun = importD1().requireSuccess();

    assertThat(rerun.stdout())
        .contains("imported cran/" + D1 + ": 3 files stored")
        .contains("3 already in the pool");
    assertThat(Cli.run("verify", "--config", configB.toString()).requireSuccess().stdout())
        .contains("cran/" + D0 + ": ok")
        .contains("cran/" + D1 + ": ok");
    assertThat(BundleRoundTripIT.tree(tmp.resolve("B")))
        .isEqualTo(BundleRoundTripIT.tree(shared.resolve("A")));
  }

  @Test
  void anIncrementalBundleOnAnEmptyRootIsRefusedNamingTheBase() throws IOException {
    Cli.run(
            "export",
            "--config",
            configA.toString(),
            "--date",
            D1,
            "--since",
            D0,
            "--out",
            tmp.resolve("inc").toString())
        .requireSuccess();
    Path configC =
        BundleRoundTripIT.config(
            tmp.resolve("c.yaml"), tmp.resolve("C"), "cran", "cran", "https://unused.example");
    ProcessRunner.Result r =
        Cli.run("import", "--config", configC.toString(), tmp.resolve("inc").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("is incremental on cran/" + D0)
        .contains("does not have; import the bundle of cran/" + D0 + " first");
  }

  private List<Path> chunks() throws IOException {
    try (Stream<Path> s = Files.list(bundle)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
    }
  }

  private static String sha256(Path p) throws IOException {
    return Sha256.hash(Files.readAllBytes(p)).hex();
  }
}
