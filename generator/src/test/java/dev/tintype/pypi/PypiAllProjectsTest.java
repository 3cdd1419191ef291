package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.curate.Curation;
import dev.tintype.curate.PypiCuration;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code projects: all}: every project upstream's root index lists, carried by serial. */
class PypiAllProjectsTest {
  private static final RepoName PYPI = new RepoName("pypi");
  private static final int PROJECTS = 100;
  private static final List<String> LINUX = List.of("manylinux_2_28_x86_64");

  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private PypiUpstream upstream;
  private FakeUpstream server;
  private Rig rig;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = new PypiUpstream(upstreamDir);
    for (int i = 0; i < PROJECTS; i++) {
      upstream.add(name(i), PypiFile.wheel(name(i), "1.0"));
    }
    upstream.write();
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private static String name(int i) {
    return "Proj.%03d".formatted(i);
  }

  private RepoConfig all() {
    return new RepoConfig(PYPI, RepoType.PYPI, URI.create(server.url()), RepoConfig.ALL_PROJECTS);
  }

  private RepoConfig allFiltered(List<String> platforms, boolean prereleases) {
    return all()
        .withCuration(
            Curation.pypi(
                new PypiCuration(
                    List.of(), List.of(), platforms, prereleases, 0, 0, List.of(), List.of())));
  }

  private boolean listed(String date, String project) {
    return storage.exists("pypi/" + date + "/simple/" + project + "/index.html");
  }

  private Manifest manifest(String date) throws IOException {
    return Snapshots.manifest(storage, PYPI, SnapshotDate.parse(date));
  }

  /** Project pages read, the root index left out. */
  private long pagesRead() {
    return server.requests().stream()
        .filter(p -> p.startsWith("/simple/") && !p.equals("/simple/"))
        .count();
  }

  @Test
  void theFirstSyncMirrorsEveryProjectTheRootIndexLists() throws IOException {
    rig.sync(all(), "2026-11-20");
    for (int i = 0; i < PROJECTS; i++) {
      assertThat(listed("2026-11-20", "proj-%03d".formatted(i))).as(name(i)).isTrue();
    }
    assertThat(server.fileDownloads()).isEqualTo(PROJECTS);
    assertThat(manifest("2026-11-20").pool()).hasSize(PROJECTS);
    String root =
        new String(
            storage.open("pypi/2026-11-20/simple/index.html").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(root).contains(">Proj.000<", ">Proj.099<");
  }

  @Test
  void aNightlyAfterOnePercentChangedReadsOnlyTheChangedPages() throws IOException {
    rig.sync(all(), "2026-11-20");
    upstream.add(name(7), PypiFile.wheel(name(7), "2.0"));
    upstream.add("brand-new", PypiFile.wheel("brand-new", "0.1")).write();
    server.resetCounts();

    rig.sync(all(), "2026-11-21");

    assertThat(pagesRead()).as(server.requests().toString()).isEqualTo(2);
    assertThat(server.requestCount("/simple/")).isEqualTo(1);
    assertThat(server.fileDownloads()).isEqualTo(2);
    assertThat(listed("2026-11-21", "brand-new")).isTrue();
    assertThat(listed("2026-11-21", "proj-099")).isTrue();
    assertThat(manifest("2026-11-21").pool()).hasSize(PROJECTS + 2);
  }

  @Test
  void aProjectRemovedUpstreamDisappearsFromTheNextSnapshotOnly() throws IOException {
    rig.sync(all(), "2026-11-20");
    upstream.removeProject(name(42)).write();
    server.resetCounts();

    rig.sync(all(), "2026-11-21");

    assertThat(listed("2026-11-21", "proj-042")).isFalse();
    assertThat(listed("2026-11-20", "proj-042")).isTrue();
    assertThat(pagesRead()).isZero();
    assertThat(manifest("2026-11-21").pool())
        .hasSize(PROJECTS - 1)
        .noneMatch(f -> f.path().endsWith("proj_042-1.0-py3-none-any.whl"));
  }

  @Test
  void filtersDropFilesOfThePagesReadWithTheReasonInTheManifestAndKeepThemForCarriedProjects()
      throws IOException {
    String win = "plat-1.0-cp311-cp311-win_amd64.whl";
    String linux = "plat-1.0-cp311-cp311-manylinux_2_17_x86_64.whl";
    upstream.add("plat", PypiFile.wheel("plat", "1.0").wheelTags("cp311-cp311-win_amd64"));
    upstream.add(
        "plat", PypiFile.wheel("plat", "1.0").wheelTags("cp311-cp311-manylinux_2_17_x86_64"));
    upstream.add("plat", PypiFile.wheel("plat", "2.0rc1"));
    upstream.write();

    rig.sync(allFiltered(LINUX, false), "2026-11-20");

    Manifest m = manifest("2026-11-20");
    assertThat(m.properties())
        .containsEntry(
            "curation.dropped." + win, "platform win_amd64 is none of [manylinux_2_28_x86_64]")
        .containsEntry("curation.dropped.plat-2.0rc1-py3-none-any.whl", "prerelease")
        .doesNotContainKey("curation.dropped." + linux);
    assertThat(m.pool())
        .extracting(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
        .contains(linux)
        .doesNotContain(win, "plat-2.0rc1-py3-none-any.whl");

    // Another project changes; plat is carried unread, and so are its reasons.
    upstream.add(name(3), PypiFile.wheel(name(3), "2.0rc2")).write();
    server.resetCounts();
    rig.sync(allFiltered(LINUX, false), "2026-11-21");
    assertThat(pagesRead()).isEqualTo(1);
    assertThat(manifest("2026-11-21").properties())
        .containsEntry(
            "curation.dropped." + win, "platform win_amd64 is none of [manylinux_2_28_x86_64]")
        .containsEntry("curation.dropped.proj_003-2.0rc2-py3-none-any.whl", "prerelease");

    // plat loses its pre-release: its page is read again and its reasons are the new ones.
    upstream.remove("plat", "plat-2.0rc1-py3-none-any.whl").write();
    rig.sync(allFiltered(LINUX, false), "2026-11-22");
    assertThat(manifest("2026-11-22").properties())
        .containsKey("curation.dropped." + win)
        .doesNotContainKey("curation.dropped.plat-2.0rc1-py3-none-any.whl")
        .containsKey("curation.dropped.proj_003-2.0rc2-py3-none-any.whl");
  }

  @Test
  void withoutFilterKeysEveryFileIsKeptPreReleasesToo() throws IOException {
    upstream.add("pre", PypiFile.wheel("pre", "2.0rc1")).write();
    rig.sync(all(), "2026-11-20");
    assertThat(manifest("2026-11-20").pool())
        .anyMatch(f -> f.path().endsWith("pre-2.0rc1-py3-none-any.whl"));
    assertThat(manifest("2026-11-20").properties()).doesNotContainKey("curation.filters");
  }

  @Test
  void anHtmlOnlyRootIndexGivesTheNamesAndEveryPageIsRead() throws IOException {
    server.htmlOnly(true);
    rig.sync(all(), "2026-11-20");
    assertThat(listed("2026-11-20", "proj-042")).isTrue();
    server.resetCounts();
    rig.sync(all(), "2026-11-21");
    assertThat(pagesRead()).isEqualTo(PROJECTS);
    assertThat(server.fileDownloads()).isZero();
    assertThat(rig.warnings).anyMatch(w -> w.contains("gives no serials"));
  }

  @Test
  void anUpstreamListingNoProjectIsRefused() throws IOException {
    Path empty = Files.createDirectories(upstreamDir.resolve("empty"));
    new PypiUpstream(empty).write();
    try (FakeUpstream none = FakeUpstream.serve(empty)) {
      RepoConfig repo =
          new RepoConfig(PYPI, RepoType.PYPI, URI.create(none.url()), RepoConfig.ALL_PROJECTS);
      assertThatThrownBy(() -> rig.sync(repo, "2026-11-20"))
          .isInstanceOf(BadUpstreamException.class)
          .hasMessageContaining("lists no project (projects: all)");
    }
    assertThat(storage.exists("pypi/2026-11-20/manifest.json")).isFalse();
  }
}
