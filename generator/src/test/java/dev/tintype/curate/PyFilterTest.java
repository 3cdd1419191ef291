package dev.tintype.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The filters of {@code projects:}: one page on its own, every version wanted. */
class PyFilterTest {
  private final List<String> metadataRead = new ArrayList<>();

  private static DistFile file(String name, long size) {
    return new DistFile(
        name,
        "https://files.example/" + name,
        new TreeMap<>(Map.of("sha256", "a".repeat(64))),
        null,
        null,
        new TreeMap<>(),
        size,
        null);
  }

  private static ProjectPage page(DistFile... files) {
    return new ProjectPage(new ProjectName("pkg"), List.of(files), 7);
  }

  private static PypiCuration filters(
      boolean prereleases, int latest, long maxSize, List<String> block, List<String> licenses) {
    return new PypiCuration(
        List.of(),
        List.of(),
        List.of(),
        prereleases,
        latest,
        maxSize,
        block.stream().map(Requirement::parse).toList(),
        licenses);
  }

  private PyFilter.Filtered apply(PypiCuration c, ProjectPage page) throws IOException {
    return new PyFilter(c)
        .apply(
            page,
            (p, f) -> {
              metadataRead.add(f.filename());
              String license = f.filename().contains("-3.0-") ? "AGPL-3.0-only" : "MIT";
              return new PyClosure.Metadata(List.of(), license, null, List.of());
            });
  }

  private static List<String> kept(PyFilter.Filtered f) {
    return f.kept().files().stream().map(DistFile::filename).toList();
  }

  @Test
  void latestBlockAndSizeChooseAmongEveryVersionWithTheirReasons() throws IOException {
    ProjectPage p =
        page(
            file("pkg-1.0-py3-none-any.whl", 10),
            file("pkg-2.0-py3-none-any.whl", 10),
            file("pkg-2.0.tar.gz", 5000),
            file("pkg-3.0-py3-none-any.whl", 10),
            file("pkg-4.0b1-py3-none-any.whl", 10));
    PyFilter.Filtered f = apply(filters(false, 2, 1000, List.of("pkg==3.0"), List.of()), p);
    assertThat(kept(f)).containsExactly("pkg-1.0-py3-none-any.whl", "pkg-2.0-py3-none-any.whl");
    assertThat(f.dropped())
        .containsEntry("pkg-2.0.tar.gz", "larger than max-file-size (5000 bytes)")
        .containsEntry("pkg-3.0-py3-none-any.whl", "blocked (pkg==3.0)")
        .containsEntry("pkg-4.0b1-py3-none-any.whl", "prerelease")
        .hasSize(3);
    assertThat(f.kept().lastSerial()).isEqualTo(7);
    assertThat(metadataRead).as("no block-licenses: no metadata read").isEmpty();
  }

  @Test
  void blockLicensesReadsOneFileOfEachKeptVersionAndDropsTheVersion() throws IOException {
    ProjectPage p =
        page(
            file("pkg-2.0-py3-none-any.whl", 10),
            file("pkg-3.0-py3-none-any.whl", 10),
            file("pkg-3.0.tar.gz", 10));
    PyFilter.Filtered f = apply(filters(true, 0, 0, List.of(), List.of("AGPL-3.0-only")), p);
    assertThat(kept(f)).containsExactly("pkg-2.0-py3-none-any.whl");
    assertThat(f.dropped())
        .containsEntry("pkg-3.0.tar.gz", "license AGPL-3.0-only (block-licenses)")
        .containsEntry("pkg-3.0-py3-none-any.whl", "license AGPL-3.0-only (block-licenses)");
    assertThat(metadataRead)
        .containsExactlyInAnyOrder("pkg-2.0-py3-none-any.whl", "pkg-3.0-py3-none-any.whl");
  }

  @Test
  void withoutAFilterKeyNothingIsActive() {
    assertThat(new PyFilter(PypiCuration.NONE).active()).isFalse();
    assertThat(new PyFilter(filters(true, 0, 0, List.of(), List.of())).active()).isFalse();
    assertThat(new PyFilter(filters(false, 0, 0, List.of(), List.of())).active()).isTrue();
  }
}
