package dev.tintype.pypi;

import static dev.tintype.pypi.MirrorRun.PYPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Snapshots;
import dev.tintype.sync.Syncer;
import dev.tintype.sync.UpstreamShrankException;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configured project upstream does not have is left out and named; a mass loss is refused. */
class PypiMissingProjectsTest {
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private PypiUpstream upstream;
  private FakeUpstream server;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = PypiUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
    fs.close();
  }

  private MirrorRun run(int rootIndexMinProjects) {
    return new MirrorRun(storage, server.url(), rootIndexMinProjects, Limits.defaults());
  }

  @Test
  void aProjectUpstreamDoesNotHaveIsLeftOutNamedAndTheRestIsPublished() throws IOException {
    try (MirrorRun run = run(100)) {
      run.projects = List.of("Demo.Pkg", "tiny-dep", "Other_Thing", "No_Such.Project");
      Syncer.Outcome out = run.sync("2026-11-27");

      assertThat(out.published()).isTrue();
      assertThat(out.missing()).containsExactly("No_Such.Project");
      assertThat(out.packages()).isEqualTo(3);
      assertThat(run.warnings)
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("No_Such.Project", "/simple/no-such-project/", "404", "left out"));
      Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
      assertThat(m.properties()).containsEntry(PypiMirror.MISSING_PROPERTY, "No_Such.Project");
      assertThat(storage.children("pypi/2026-11-27/simple"))
          .containsExactlyInAnyOrder(
              "demo-pkg", "tiny-dep", "other-thing", "index.html", "index.json");
      assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok())
          .isTrue();
    }
  }

  @Test
  void aSyncWithNothingMissingSaysSo() throws IOException {
    try (MirrorRun run = run(100)) {
      Syncer.Outcome out = run.sync("2026-11-27");
      assertThat(out.missing()).isEmpty();
      Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
      assertThat(m.properties()).doesNotContainKey(PypiMirror.MISSING_PROPERTY);
    }
  }

  /** With 1, the nightly path: the other projects are carried forward unread. */
  @ParameterizedTest
  @ValueSource(ints = {1, 100})
  void aProjectDeletedUpstreamSinceTheLastSnapshotIsDroppedFromTheNextOnly(int rootIndexMin)
      throws IOException {
    try (MirrorRun run = run(rootIndexMin)) {
      run.sync("2026-11-26");
      upstream.removeProject("tiny-dep").write();

      Syncer.Outcome out = run.sync("2026-11-27");

      assertThat(out.published()).isTrue();
      assertThat(out.missing()).containsExactly("tiny-dep");
      assertThat(run.warnings)
          .anySatisfy(w -> assertThat(w).contains("tiny-dep", "404", "dropped", "2026-11-26"));
      assertThat(storage.exists("pypi/2026-11-27/simple/tiny-dep/index.json")).isFalse();
      assertThat(storage.exists("pypi/2026-11-26/simple/tiny-dep/index.json")).isTrue();
      Manifest m = Snapshots.manifest(storage, PYPI, SnapshotDate.parse("2026-11-27"));
      assertThat(m.packages()).isEqualTo(2);
      assertThat(m.pool()).extracting(FileEntry::path).noneMatch(p -> p.contains("tiny_dep"));
      assertThat(m.pool()).extracting(FileEntry::path).anyMatch(p -> p.contains("demo_pkg-2.0"));
      assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok())
          .isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100})
  void mostConfiguredProjectsVanishingIsRefusedByTheShrinkGuard(int rootIndexMin)
      throws IOException {
    try (MirrorRun run = run(rootIndexMin)) {
      run.sync("2026-11-26");
      upstream.removeProject("tiny-dep").removeProject("Demo.Pkg").write();

      assertThatThrownBy(() -> run.sync("2026-11-27"))
          .isInstanceOf(UpstreamShrankException.class)
          .hasMessageContaining("lists 1 packages")
          .hasMessageContaining("--force");
      assertThat(Snapshots.published(storage, PYPI))
          .containsExactly(SnapshotDate.parse("2026-11-26"));

      Syncer.Outcome forced = run.sync("2026-11-27", true);
      assertThat(forced.missing()).containsExactlyInAnyOrder("tiny-dep", "Demo.Pkg");
    }
  }

  @Test
  void allConfiguredProjectsVanishingIsRefusedByTheShrinkGuard() throws IOException {
    try (MirrorRun run = run(100)) {
      run.sync("2026-11-26");
      upstream.removeProject("tiny-dep").removeProject("Demo.Pkg").removeProject("Other_Thing");
      upstream.write();

      assertThatThrownBy(() -> run.sync("2026-11-27"))
          .isInstanceOf(UpstreamShrankException.class)
          .hasMessageContaining("lists 0 packages");
      assertThat(Snapshots.published(storage, PYPI))
          .containsExactly(SnapshotDate.parse("2026-11-26"));
    }
  }

  @Test
  void aFirstSyncFindingNoneOfTheProjectsIsRefusedAsAWrongUpstream() throws IOException {
    try (MirrorRun run = run(100)) {
      run.projects = List.of("nope", "Nada");
      assertThatThrownBy(() -> run.sync("2026-11-27"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("none of the 2 configured projects")
          .hasMessageContaining("Nada, nope")
          .hasMessageContaining(server.url());
      assertThat(Snapshots.published(storage, PYPI)).isEmpty();
      assertThat(storage.list(".tintype/staging")).isEmpty();
    }
  }
}
