package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tintype diff} through {@link Main#run}, on two CRAN snapshots a real sync published. */
class DiffCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path oneRepo;
  private Path twoRepos;

  @BeforeEach
  void setUp() throws IOException {
    Path root = dir.resolve("root");
    CranUpstream upstream =
        new CranUpstream(dir.resolve("up"))
            .add(CranPackage.of("pkgA", "1.0"))
            .add(CranPackage.of("pkgC", "0.3"))
            .add(CranPackage.of("pkgD", "2.0"))
            .write();
    try (FakeUpstream server = FakeUpstream.serve(upstream.root());
        Rig rig = new Rig(new FileStorage(root))) {
      var repo = Rig.repo("cran", RepoType.CRAN, server.url());
      rig.sync(repo, "2026-11-20");
      upstream
          .add(CranPackage.of("pkgA", "1.1"))
          .add(CranPackage.of("pkgB", "1.0"))
          .remove("pkgC")
          .write();
      rig.sync(repo, "2026-11-21");
    }
    String storage = "storage: {filesystem: '" + root + "'}\n";
    String cran = "  - {name: cran, type: cran, upstream: 'https://cran.r-project.org'}\n";
    oneRepo = Files.writeString(dir.resolve("one.yaml"), storage + "repos:\n" + cran);
    twoRepos =
        Files.writeString(
            dir.resolve("two.yaml"),
            storage
                + "repos:\n"
                + cran
                + "  - {name: pypi, type: pypi, upstream: 'https://pypi.org', projects: [six]}\n");
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTextDiffListsEachChangeThenTheSummaryAndExitsZero() {
    int code = run("diff", "--config", oneRepo.toString(), "2026-11-20", "2026-11-21");

    assertThat(code).as(err()).isZero();
    assertThat(outLines())
        .containsExactly(
            "+ pkgB 1.0",
            "- pkgC 0.3",
            "^ pkgA 1.0 -> 1.1",
            "cran 2026-11-20 -> 2026-11-21: 1 added, 1 removed, 1 upgraded, 0 downgraded,"
                + " 0 changed, 0 file changes, 0 yank changes");
    assertThat(err()).isEmpty();
  }

  @Test
  void theJsonDiffIsOneDocumentWithTheSameChanges() throws IOException {
    int code =
        run(
            "diff",
            "--config",
            twoRepos.toString(),
            "--repo",
            "cran",
            "--json",
            "2026-11-20",
            "2026-11-21");

    assertThat(code).as(err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
    assertThat(doc.get("repo").asText()).isEqualTo("cran");
    assertThat(doc.get("type").asText()).isEqualTo("cran");
    assertThat(doc.get("packages").findValuesAsText("change"))
        .containsExactly("added", "removed", "upgraded");
    assertThat(doc.get("packages").findValuesAsText("name"))
        .containsExactly("pkgB", "pkgC", "pkgA");
    assertThat(doc.get("files").size()).isZero();
    assertThat(doc.get("counts").get("upgraded").asInt()).isEqualTo(1);
  }

  @Test
  void datesNewestFirstAreDiffedFromTheOlderWithANoteOnStderr() {
    int code = run("diff", "--config", oneRepo.toString(), "2026-11-21", "2026-11-20");

    assertThat(code).as(err()).isZero();
    assertThat(outLines())
        .startsWith("+ pkgB 1.0")
        .last()
        .asString()
        .startsWith("cran 2026-11-20 -> 2026-11-21:");
    assertThat(err())
        .isEqualTo(
            "tintype: diff: 2026-11-21 is newer than 2026-11-20; showing the changes from"
                + " 2026-11-20 to 2026-11-21\n");
  }

  @Test
  void theSameDateTwiceIsAnEmptyDiff() {
    assertThat(run("diff", "--config", oneRepo.toString(), "2026-11-21", "2026-11-21")).isZero();
    assertThat(outLines()).hasSize(1).first().asString().contains(": 0 added, 0 removed");
  }

  @Test
  void anUnpublishedDateFailsNamingTheRepoAndThePublishedDatesNearIt() {
    int code = run("diff", "--config", oneRepo.toString(), "2026-11-20", "2026-11-23");

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("tintype: diff failed: cran has no snapshot 2026-11-23")
        .contains("nearest published: 2026-11-20, 2026-11-21");
    assertThat(out.size()).isZero();
  }

  @Test
  void withTwoRepositoriesTheRepoMustBeNamed() {
    int code = run("diff", "--config", twoRepos.toString(), "2026-11-20", "2026-11-21");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "tintype: diff: --repo NAME is required: the config has 2 repositories (cran, pypi)\n");
  }

  @Test
  void aBadDateOrAWrongNumberOfDatesIsAUsageError() {
    assertThat(run("diff", "--config", oneRepo.toString(), "2026-11-20")).isEqualTo(2);
    assertThat(run("diff", "--config", oneRepo.toString(), "2026-11-20", "yesterday")).isEqualTo(2);
    assertThat(
            run(
                "diff",
                "--config",
                oneRepo.toString(),
                "--repo",
                "bioc",
                "2026-11-20",
                "2026-11-21"))
        .isEqualTo(2);
    assertThat(err())
        .contains("diff: expected two dates YYYY-MM-DD, found 1: 2026-11-20")
        .contains("bad date 'yesterday'")
        .contains("no repository named 'bioc'");
  }

  @Test
  void helpShowsTheUsageLine() {
    assertThat(run("diff", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("tintype diff --config FILE [--repo NAME] [--json] DATE1 DATE2")
        .contains("--json");
  }
}
