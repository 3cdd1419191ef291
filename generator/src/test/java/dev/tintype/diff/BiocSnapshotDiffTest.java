package dev.tintype.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.bioc.BiocRepos;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diffs of Bioconductor snapshots that real syncs of the demo fixture published, on jimfs. Between
 * the two dates every kind of change happens, each in another release or area.
 */
class BiocSnapshotDiffTest {
  private static final RepoName BIOC = new RepoName("bioc");
  private static final String D1 = "2026-11-20";
  private static final String D2 = "2026-11-21";
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private BiocUpstream upstream;
  private FakeUpstream server;
  private Rig rig;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = BiocUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    rig.sync(repo("3.16", "3.17"), D1);
    upstream
        .add("3.16", "bioc", CranPackage.of("biocAlpha", "1.2.1"))
        .add("3.16", "bioc", CranPackage.of("biocBeta", "0.1.0"))
        .add("3.17", "bioc", CranPackage.of("biocAlpha", "1.3.0"))
        // Same name and version, other bytes: only its MD5sum line tells.
        .add(
            "3.17",
            "data/annotation",
            CranPackage.of("org.Demo.db", "3.16.0").field("Description", "Rebuilt."))
        .add("3.17", "workflows", CranPackage.of("demoWorkflow", "1.0.0"));
    upstream.area("3.16", "data/experiment").remove("demoData");
    upstream.write();
    rig.sync(repo("3.16", "3.17"), D2);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private RepoConfig repo(String... versions) {
    return BiocRepos.bioc(server.url(), versions);
  }

  private DiffReport diff(String a, String b) throws IOException {
    return SnapshotDiff.between(
        storage, BIOC, RepoType.BIOCONDUCTOR, SnapshotDate.parse(a), SnapshotDate.parse(b));
  }

  private static BiocArea area(String release, String area) {
    return new BiocArea(release, area);
  }

  @Test
  void everyKindOfChangeIsListedByReleaseAndArea() throws IOException {
    DiffReport r = diff(D1, D2);

    assertThat(r.type()).isEqualTo("bioconductor");
    assertThat(r.packages())
        .containsExactly(
            new PackageChange(
                PackageChange.Kind.ADDED,
                "biocBeta",
                null,
                "0.1.0",
                List.of("0.1.0"),
                List.of(),
                area("3.16", "bioc")),
            new PackageChange(
                PackageChange.Kind.UPGRADED,
                "biocAlpha",
                "1.2.0",
                "1.2.1",
                List.of("1.2.1"),
                List.of("1.2.0"),
                area("3.16", "bioc")),
            new PackageChange(
                PackageChange.Kind.REMOVED,
                "demoData",
                "1.0.0",
                null,
                List.of(),
                List.of("1.0.0"),
                area("3.16", "data/experiment")),
            new PackageChange(
                PackageChange.Kind.DOWNGRADED,
                "biocAlpha",
                "1.3.1",
                "1.3.0",
                List.of("1.3.0"),
                List.of("1.3.1"),
                area("3.17", "bioc")),
            new PackageChange(
                PackageChange.Kind.ADDED,
                "demoWorkflow",
                null,
                "1.0.0",
                List.of("1.0.0"),
                List.of(),
                area("3.17", "workflows")));
    assertThat(r.files())
        .containsExactly(
            FileChange.of(
                FileChange.Kind.REPLACED,
                "org.Demo.db",
                "3.16.0",
                "org.Demo.db_3.16.0.tar.gz",
                area("3.17", "data/annotation")));
  }

  @Test
  void theTextNamesTheReleaseAndAreaOfEachChange() throws IOException {
    assertThat(DiffText.lines(diff(D1, D2)))
        .containsExactly(
            "+ [3.16/bioc] biocBeta 0.1.0",
            "^ [3.16/bioc] biocAlpha 1.2.0 -> 1.2.1",
            "- [3.16/data/experiment] demoData 1.0.0",
            "v [3.17/bioc] biocAlpha 1.3.1 -> 1.3.0",
            "+ [3.17/workflows] demoWorkflow 1.0.0",
            "* [3.17/data/annotation] org.Demo.db 3.16.0 org.Demo.db_3.16.0.tar.gz replaced"
                + " (same name, different content)",
            "bioc 2026-11-20 -> 2026-11-21: 2 added, 1 removed, 1 upgraded, 1 downgraded,"
                + " 0 changed, 1 file changes, 0 yank changes");
  }

  @Test
  void theJsonDocumentGivesReleaseAndAreaAsTheirOwnKeys() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffJson.write(diff(D2, D1), out);
    JsonNode doc = new ObjectMapper().readTree(out.toByteArray());

    assertThat(doc.get("type").asText()).isEqualTo("bioconductor");
    assertThat(doc.get("reordered").asBoolean()).isTrue();
    assertThat(doc.get("counts").toString())
        .isEqualTo(
            "{\"added\":2,\"removed\":1,\"upgraded\":1,\"downgraded\":1,\"changed\":0,"
                + "\"files\":1,\"yanks\":0}");
    assertThat(doc.get("packages").get(2).toString())
        .isEqualTo(
            "{\"change\":\"removed\",\"release\":\"3.16\",\"area\":\"data/experiment\","
                + "\"name\":\"demoData\",\"from\":\"1.0.0\",\"to\":null,"
                + "\"versions_added\":[],\"versions_removed\":[\"1.0.0\"]}");
    assertThat(doc.get("packages").findValuesAsText("release"))
        .containsExactly("3.16", "3.16", "3.16", "3.17", "3.17");
    assertThat(doc.get("files").get(0).toString())
        .isEqualTo(
            "{\"change\":\"replaced\",\"release\":\"3.17\",\"area\":\"data/annotation\","
                + "\"name\":\"org.Demo.db\",\"version\":\"3.16.0\","
                + "\"filename\":\"org.Demo.db_3.16.0.tar.gz\",\"reason\":null,"
                + "\"previous_reason\":null}");
  }

  @Test
  void aReleaseDroppedFromTheConfigIsAllRemovedAndOneAddedIsAllAdded() throws IOException {
    upstream.add("3.18", "bioc", CranPackage.of("biocAlpha", "1.4.0")).write();
    rig.sync(repo("3.17", "3.18"), "2026-11-22");

    List<String> lines = DiffText.lines(diff(D2, "2026-11-22"));

    assertThat(lines)
        .containsExactly(
            "- [3.16/bioc] biocAlpha 1.2.1",
            "- [3.16/bioc] biocBeta 0.1.0",
            "- [3.16/data/annotation] org.Demo.db 3.16.0",
            "+ [3.18/bioc] biocAlpha 1.4.0",
            "bioc 2026-11-21 -> 2026-11-22: 1 added, 3 removed, 0 upgraded, 0 downgraded,"
                + " 0 changed, 0 file changes, 0 yank changes");
  }

  @Test
  void anUnchangedSnapshotHasAnEmptyDiff() throws IOException {
    rig.sync(repo("3.16", "3.17"), "2026-11-22");

    assertThat(diff(D2, "2026-11-22").isEmpty()).isTrue();
  }

  @Test
  void releasesSortAsNumbersAndAreasInBiocManagersOrder() {
    List<BiocArea> areas =
        new ArrayList<>(
            List.of(
                area("3.10", "bioc"),
                area("3.9", "books"),
                area("3.9", "bioc"),
                area("3.9", "data/annotation")));
    areas.sort(BiocArea.ORDER);

    assertThat(areas)
        .extracting(BiocArea::toString)
        .containsExactly("3.9/bioc", "3.9/data/annotation", "3.9/books", "3.10/bioc");
    assertThatThrownBy(() -> area("devel", "bioc")).hasMessageContaining("'devel'");
    assertThatThrownBy(() -> area("3.16", "software")).hasMessageContaining("'software'");
  }
}
