package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An export killed midway leaves a directory its rerun may clear; no other directory is. */
class ExportRerunTest {
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");

  /** Thrown from the listener: an Error skips the export's own clean-up, as SIGKILL does. */
  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  private FileSystem fs;
  private FileStorage a;
  private Exporter exporter;
  private ExportPlan plan;
  private Path out;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    a = new FileStorage(fs.getPath("/online"));
    BundleRoundTripTest.first().publish(a, D1.toString());
    exporter = new Exporter(a);
    plan = exporter.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN);
    assertThat(plan.chunkCount()).isGreaterThanOrEqualTo(3);
    out = fs.getPath("/media/usb/d1");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private void exportKilledAtChunk2() {
    BundleListener killer =
        new BundleListener() {
          @Override
          public void chunk(String name, int number, int total) {
            if (number == 2) {
              throw new Killed();
            }
          }
        };
    assertThatThrownBy(() -> exporter.write(plan, out, killer)).isInstanceOf(Killed.class);
  }

  @Test
  void aRerunIntoAKilledExportClearsItAndWritesTheWholeBundle() throws IOException {
    exportKilledAtChunk2();
    assertThat(names(out)).containsExactlyInAnyOrder(ExportDir.PARTIAL, "chunk-0001.tar");
    assertThatThrownBy(() -> Bundle.open(out))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("holds no tintype-bundle.json but tintype-bundle.partial")
        .hasMessageContaining("rerun the export");

    List<Integer> cleared = new ArrayList<>();
    Exporter.Exported bundle =
        exporter.write(
            plan,
            out,
            new BundleListener() {
              @Override
              public void unfinishedExportCleared(Path dir, int files) {
                cleared.add(files);
              }
            });

    assertThat(cleared).containsExactly(1);
    assertThat(names(out)).doesNotContain(ExportDir.PARTIAL).contains(Bundle.TOC_FILE);
    Path fresh = fs.getPath("/media/fresh");
    exporter.write(plan, fresh, BundleListener.NONE);
    for (String name : names(fresh)) {
      assertThat(Files.readAllBytes(out.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(fresh.resolve(name)));
    }
    assertThat(names(out)).containsExactlyInAnyOrderElementsOf(names(fresh));
    FileStorage b = new FileStorage(fs.getPath("/offline"));
    new Importer(b).importBundle(Bundle.open(out), BundleListener.NONE);
    assertThat(new Verifier(b).verify(CRAN, D1).problems()).isEmpty();
    assertThat(bundle.tocSha256()).isEqualTo(Bundle.open(fresh).tocSha256());
  }

  @Test
  void aDirectoryHoldingAnUnrelatedFileIsRefusedNamingItAndLeftAlone() throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> exporter.write(plan, out, BundleListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(out + " is not empty: it holds 'notes.txt'");
    assertThat(names(out)).containsExactly("notes.txt");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void anUnfinishedExportNextToAnUnrelatedFileIsRefusedAndNothingIsDeleted() throws IOException {
    exportKilledAtChunk2();
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> exporter.write(plan, out, BundleListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds an unfinished export, but also 'notes.txt'")
        .hasMessageContaining("nothing was deleted");
    assertThat(names(out))
        .containsExactlyInAnyOrder(ExportDir.PARTIAL, "chunk-0001.tar", "notes.txt");
  }

  @Test
  void aDirectoryNamedLikeAChunkIsNotTakenForAnExportsOwnFile() throws IOException {
    exportKilledAtChunk2();
    Files.createDirectories(out.resolve("chunk-0009.tar"));

    assertThatThrownBy(() -> exporter.write(plan, out, BundleListener.NONE))
        .hasMessageContaining("but also 'chunk-0009.tar'");
    assertThat(out.resolve("chunk-0001.tar")).exists();
  }

  @Test
  void aFinishedBundleIsNeverOverwritten() throws IOException {
    exporter.write(plan, out, BundleListener.NONE);
    byte[] toc = Files.readAllBytes(out.resolve(Bundle.TOC_FILE));

    assertThatThrownBy(() -> exporter.write(plan, out, BundleListener.NONE))
        .hasMessageContaining(out + " already holds a bundle (tintype-bundle.json)");
    assertThat(Files.readAllBytes(out.resolve(Bundle.TOC_FILE))).isEqualTo(toc);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
