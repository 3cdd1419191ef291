package dev.tintype.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.config.RepoType;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffs of PyPI snapshots that real syncs of a fake upstream published, on a filesystem. */
class PypiSnapshotDiffTest {
  private static final RepoName PYPI = new RepoName("pypi");
  @TempDir Path upstreamDir;
  @TempDir Path root;
  private FileStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    storage = new FileStorage(root);
    PypiHistory.publish(storage, upstreamDir);
  }

  private DiffReport diff(String a, String b) throws IOException {
    return SnapshotDiff.between(
        storage, PYPI, RepoType.PYPI, SnapshotDate.parse(a), SnapshotDate.parse(b));
  }

  @Test
  void everyKindOfChangeIsListedByItsNewestVersionAndAnUnchangedProjectIsNot() throws IOException {
    DiffReport r = diff("2026-11-20", "2026-11-21");

    assertThat(r.packages())
        .containsExactly(
            new PackageChange(
                PackageChange.Kind.ADDED,
                "fresh-pkg",
                null,
                "0.2",
                List.of("0.1", "0.2"),
                List.of()),
            new PackageChange(
                PackageChange.Kind.REMOVED,
                "other-thing",
                "3.1.4",
                null,
                List.of(),
                List.of("3.1.4")),
            new PackageChange(
                PackageChange.Kind.UPGRADED, "tiny-dep", "0.4", "0.5", List.of("0.5"), List.of()),
            new PackageChange(
                PackageChange.Kind.DOWNGRADED, "demo-pkg", "2.0", "1.0", List.of(), List.of("2.0")),
            new PackageChange(
                PackageChange.Kind.CHANGED, "steady", "2.0", "2.0", List.of(), List.of("1.0")));
    assertThat(r.packages()).extracting(PackageChange::name).doesNotContain("calm");
  }

  @Test
  void yankedAndUnyankedFilesAreListedWithTheirReasons() throws IOException {
    DiffReport r = diff("2026-11-20", "2026-11-21");

    assertThat(r.files())
        .filteredOn(c -> c.kind().isYank())
        .containsExactly(
            new FileChange(
                FileChange.Kind.REASON_CHANGED,
                "demo-pkg",
                "1.0",
                "demo_pkg-1.0-py3-none-any.whl",
                "second",
                "first"),
            new FileChange(
                FileChange.Kind.YANKED,
                "tiny-dep",
                "0.1",
                "tiny_dep-0.1-py3-none-any.whl",
                "bad \"metadata\"",
                null),
            new FileChange(
                FileChange.Kind.YANKED, "tiny-dep", "0.2", "tiny_dep-0.2.tar.gz", "", null),
            new FileChange(
                FileChange.Kind.UNYANKED,
                "tiny-dep",
                "0.3",
                "tiny_dep-0.3-py3-none-any.whl",
                null,
                "broken build"));
    assertThat(r.yankChanges()).isEqualTo(4);
  }

  @Test
  void filesAddedOrRemovedWithinAVersionBothSnapshotsHaveAreListed() throws IOException {
    assertThat(diff("2026-11-20", "2026-11-21").files())
        .filteredOn(c -> !c.kind().isYank())
        .containsExactly(
            FileChange.of(FileChange.Kind.REMOVED, "demo-pkg", "1.0", "demo_pkg-1.0.tar.gz"),
            FileChange.of(FileChange.Kind.ADDED, "steady", "2.0", "steady-2.0.tar.gz"));
  }

  @Test
  void theTextListsEachChangeOnceSortedWithASummary() throws IOException {
    assertThat(DiffText.lines(diff("2026-11-20", "2026-11-21")))
        .containsExactly(PypiHistory.EXPECTED_TEXT);
  }

  @Test
  void theNewestFirstOrderGivesTheSameDiff() throws IOException {
    DiffReport r = diff("2026-11-21", "2026-11-20");

    assertThat(r.reordered()).isTrue();
    assertThat(DiffText.lines(r)).containsExactly(PypiHistory.EXPECTED_TEXT);
  }

  @Test
  void theJsonDocumentHoldsTheSameChangesInTheSameOrder() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffJson.write(diff("2026-11-20", "2026-11-21"), out);
    JsonNode doc = new ObjectMapper().readTree(out.toByteArray());

    assertThat(doc.get("repo").asText()).isEqualTo("pypi");
    assertThat(doc.get("type").asText()).isEqualTo("pypi");
    assertThat(doc.get("from").asText()).isEqualTo("2026-11-20");
    assertThat(doc.get("to").asText()).isEqualTo("2026-11-21");
    assertThat(doc.get("reordered").asBoolean()).isFalse();
    assertThat(doc.get("counts").toString())
        .isEqualTo(
            "{\"added\":1,\"removed\":1,\"upgraded\":1,\"downgraded\":1,\"changed\":1,"
                + "\"files\":2,\"yanks\":4}");
    JsonNode demo = doc.get("packages").get(3);
    assertThat(demo.toString())
        .isEqualTo(
            "{\"change\":\"downgraded\",\"name\":\"demo-pkg\",\"from\":\"2.0\",\"to\":\"1.0\","
                + "\"versions_added\":[],\"versions_removed\":[\"2.0\"]}");
    assertThat(doc.get("packages").findValuesAsText("name"))
        .containsExactly("fresh-pkg", "other-thing", "tiny-dep", "demo-pkg", "steady");
    assertThat(doc.get("files").get(3).toString())
        .isEqualTo(
            "{\"change\":\"yanked\",\"name\":\"tiny-dep\",\"version\":\"0.1\","
                + "\"filename\":\"tiny_dep-0.1-py3-none-any.whl\",\"reason\":\"bad \\\"metadata\\\"\","
                + "\"previous_reason\":null}");
    assertThat(doc.get("files").findValuesAsText("change"))
        .containsExactly("removed", "added", "reason-changed", "yanked", "yanked", "unyanked");
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("}\n");
  }

  @Test
  void anUnchangedProjectsPageIsNotEvenOpened() throws IOException {
    List<String> opened = new ArrayList<>();
    Storage counting =
        (Storage)
            Proxy.newProxyInstance(
                Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("open")) {
                    opened.add((String) args[0]);
                  }
                  try {
                    return method.invoke(storage, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    SnapshotDiff.between(
        counting,
        PYPI,
        RepoType.PYPI,
        SnapshotDate.parse("2026-11-20"),
        SnapshotDate.parse("2026-11-21"));

    assertThat(opened)
        .contains("pypi/2026-11-20/manifest.json", "pypi/2026-11-21/simple/tiny-dep/index.json")
        .noneMatch(k -> k.contains("/calm/"))
        .noneMatch(k -> k.contains("pool/") || k.endsWith("index.html"));
  }
}
