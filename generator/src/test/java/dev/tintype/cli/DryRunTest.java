package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.CranBinaryTree;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "(\\w+): dry run: would keep (\\d+) packages in (\\d+) files; fetch (\\d+) files"
              + " \\((\\d+) bytes(, and (\\d+) files? of unknown size)?\\)");

  @TempDir Path dir;
  private CranUpstream upstream;
  private FakeUpstream server;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws IOException {
    upstream = CranUpstream.curationDemo(dir.resolve("up"));
    server = FakeUpstream.serve(dir.resolve("up"));
    config = dir.resolve("tintype.yaml");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void configure(String curation) throws IOException {
    Files.writeString(
        config,
        "storage: {filesystem: root}\nrepos: [{name: cran, type: cran, upstream: '"
            + server.url()
            + "', "
            + curation
            + "}]\n");
  }

  private int run(String... args) {
    out.reset();
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        false);
  }

  /** Runs a dry run of {@code date} and gives its summary line, matched. */
  private Matcher dryRun(String date) {
    assertThat(run("sync", "--dry-run", "--config", config.toString(), "--date", date)).isZero();
    String dry = out.toString(StandardCharsets.UTF_8);
    Matcher m = SUMMARY.matcher(dry);
    assertThat(m.find()).as(dry).isTrue();
    return m;
  }

  private void sync(String date) {
    assertThat(run("sync", "--config", config.toString(), "--date", date)).isZero();
  }

  /**
   * Runs the sync of {@code date}; it must fetch {@code files} files, as many as the dry run said,
   * and their bytes.
   */
  private void syncFetchesWhatTheDryRunSaid(FakeUpstream up, Matcher dry, int files, String date) {
    up.resetCounts();
    sync(date);
    assertThat(up.fileDownloads()).isEqualTo(files).isEqualTo(Integer.parseInt(dry.group(4)));
    assertThat(up.fileBytes()).isPositive().isEqualTo(Long.parseLong(dry.group(5)));
  }

  /** Every path under the storage root with its size and modification time. */
  private Map<String, String> tree() throws IOException {
    Path root = dir.resolve("root");
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        m.put(
            root.relativize(p).toString(),
            Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }

  @Test
  void dryRunNumbersAreWhatTheNextSyncFetchesAndItWritesNothing() throws IOException {
    configure("packages: [app]");
    sync("2026-11-20");
    configure("packages: [app, other], suggests: true, block: [bad]");
    upstream.add(CranPackage.of("mid", "1.3").field("Imports", "low, stats")).write();
    Map<String, String> before = tree();
    server.resetCounts();

    assertThat(run("sync", "--dry-run", "--config", config.toString(), "--date", "2026-11-21"))
        .isZero();
    String dry = out.toString(StandardCharsets.UTF_8);
    assertThat(tree()).isEqualTo(before);
    assertThat(server.fileDownloads()).isZero();
    Matcher m = SUMMARY.matcher(dry);
    assertThat(m.find()).as(dry).isTrue();
    assertThat(dry)
        .contains("fetch 4 files (", "3 already in the pool")
        .doesNotContain("unknown size")
        .contains("cran: dry run: leaves out 1: blocked (block:)")
        .contains("cran: dry run: leaves out 1: not approved and not needed (packages:)");

    syncFetchesWhatTheDryRunSaid(server, m, 4, "2026-11-21");
    String manifest = Files.readString(dir.resolve("root/cran/2026-11-21/manifest.json"));
    assertThat(manifest).contains("\"packages\" : " + m.group(2));
  }

  @Test
  void aFullCranDryRunGivesTheBytesTheSyncThenDownloads() throws IOException {
    configure("archive: false");
    server.resetCounts();
    Matcher m = dryRun("2026-11-21");
    assertThat(server.fileDownloads()).isZero();
    assertThat(m.group(7)).isNull();

    syncFetchesWhatTheDryRunSaid(server, m, 9, "2026-11-21");
  }

  @Test
  void aCranDryRunCountsTheBinaryDirsAsTheSyncFetchesThem() throws IOException {
    CranBinaryTree.Dir win = CranBinaryTree.Dir.windows("4.4");
    CranBinaryTree bins =
        new CranBinaryTree(dir.resolve("up"))
            .add(win, CranPackage.of("low", "0.3"), "2024-06-14 12:00:00 UTC")
            .add(win, CranPackage.of("hdr", "2.0"), "2024-06-14 12:00:00 UTC")
            .add(win, CranPackage.of("unrelated", "1.0"), "2024-06-14 12:00:00 UTC")
            .withoutMd5(win, "hdr")
            .write();
    configure("binaries: {windows: ['4.4']}");
    sync("2026-11-20");
    // A rebuild of low, and hdr (no MD5sum) unchanged: known by its Built line.
    bins.add(win, CranPackage.of("low", "0.3"), "2024-07-01 08:00:00 UTC").write();
    upstream.add(CranPackage.of("mid", "1.3").field("Imports", "low, stats")).write();
    server.resetCounts();

    Matcher m = dryRun("2026-11-21");
    assertThat(m.group(7)).isNull();
    // The manifest counts the 9 source packages; the files are theirs and the 3 binaries.
    assertThat(m.group(2)).isEqualTo("9");
    assertThat(m.group(3)).isEqualTo("12");
    assertThat(m.group(4)).isEqualTo("2");

    syncFetchesWhatTheDryRunSaid(server, m, 2, "2026-11-21");
    assertThat(server.requestCount("/bin/windows/contrib/4.4/low_0.3.zip")).isEqualTo(1);
  }

  @Test
  void aFileWhoseSizeUpstreamWillNotGiveIsCountedAsUnknownAndSaidSo() throws IOException {
    configure("packages: [app]");
    server.failNext("/src/contrib/low_0.3.tar.gz", 1, 404);
    server.failNext("/src/contrib/hdr_2.0.tar.gz", 1, 403);
    Matcher m = dryRun("2026-11-21");
    assertThat(m.group(4)).isEqualTo("4");
    assertThat(m.group(7)).isEqualTo("2");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("fetch 4 files (" + m.group(5) + " bytes, and 2 files of unknown size)");
    long known = Long.parseLong(m.group(5));
    server.resetCounts();
    sync("2026-11-21");
    long lowAndHdr =
        Files.size(upstream.root().resolve("src/contrib/low_0.3.tar.gz"))
            + Files.size(upstream.root().resolve("src/contrib/hdr_2.0.tar.gz"));
    assertThat(server.fileBytes()).isEqualTo(known + lowAndHdr);
  }

  @Test
  void aBioconductorDryRunGivesTheBytesTheSyncThenDownloads() throws IOException {
    Path up = dir.resolve("bioc-up");
    BiocUpstream.demo(up);
    try (FakeUpstream bioc = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: root}\nrepos: [{name: bioc, type: bioconductor, upstream: '"
              + bioc.url()
              + "', versions: ['3.16', '3.17']}]\n");
      Matcher m = dryRun("2026-11-21");
      assertThat(bioc.fileDownloads()).isZero();
      assertThat(m.group(7)).isNull();

      // org.Demo.db is listed in both releases and fetched once.
      syncFetchesWhatTheDryRunSaid(bioc, m, 4, "2026-11-21");
    }
  }

  @Test
  void pypiDryRunNumbersAreWhatTheNextSyncFetchesWithTheirBytes() throws IOException {
    Path up = dir.resolve("pypi-up");
    PypiUpstream pypi = PypiUpstream.demo(up);
    try (FakeUpstream pypiServer = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: root}\nrepos: [{name: pypi, type: pypi, upstream: '"
              + pypiServer.url()
              + "', projects: [Demo.Pkg, tiny-dep, not-there]}]\n");
      assertThat(run("sync", "--config", config.toString(), "--date", "2026-11-20")).isEqualTo(3);
      pypi.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.5")).write();
      Map<String, String> before = tree();
      pypiServer.resetCounts();

      run("sync", "--dry-run", "--config", config.toString(), "--date", "2026-11-21");
      String dry = out.toString(StandardCharsets.UTF_8);
      assertThat(tree()).isEqualTo(before);
      assertThat(pypiServer.fileDownloads()).isZero();
      Matcher m =
          Pattern.compile(
                  "pypi: dry run: would keep 2 packages in (\\d+) files; fetch 1 files \\((\\d+) bytes\\)")
              .matcher(dry);
      assertThat(m.find()).as(dry).isTrue();
      assertThat(dry).contains("leaves out 1: configured project missing upstream (404)");

      run("sync", "--config", config.toString(), "--date", "2026-11-21");
      assertThat(pypiServer.fileDownloads()).isEqualTo(1);
      assertThat(Files.size(pypi.root().resolve("files/tiny_dep-0.5-py3-none-any.whl")))
          .isEqualTo(Long.parseLong(m.group(2)));
    }
  }

  @Test
  void aPypiDryRunAsksForTheSizesHtmlPagesDoNotGive() throws IOException {
    Path up = dir.resolve("pypi-up");
    PypiUpstream.demo(up);
    try (FakeUpstream pypiServer = FakeUpstream.serve(up)) {
      pypiServer.htmlOnly(true);
      Files.writeString(
          config,
          "storage: {filesystem: root}\nrepos: [{name: pypi, type: pypi, upstream: '"
              + pypiServer.url()
              + "', projects: [Demo.Pkg, tiny-dep]}]\n");
      Matcher m = dryRun("2026-11-21");
      assertThat(m.group(7)).isNull();
      assertThat(pypiServer.fileDownloads()).isZero();
      syncFetchesWhatTheDryRunSaid(pypiServer, m, Integer.parseInt(m.group(4)), "2026-11-21");
      assertThat(m.group(4)).isNotEqualTo("0");
    }
  }

  @Test
  void aRequirementsCuratedPypiDryRunCountsTheClosureAndItsReasons() throws IOException {
    Path up = dir.resolve("pypi-up");
    PypiUpstream.curationDemo(up);
    try (FakeUpstream pypiServer = FakeUpstream.serve(up)) {
      Files.writeString(
          config,
          "storage: {filesystem: root}\nrepos: [{name: pypi, type: pypi, upstream: '"
              + pypiServer.url()
              + "', requirements: [app], block: ['lib==1.1']}]\n");
      Files.createDirectories(dir.resolve("root"));
      Map<String, String> before = tree();
      run("sync", "--dry-run", "--config", config.toString(), "--date", "2026-11-20");
      String dry = out.toString(StandardCharsets.UTF_8);
      assertThat(tree()).isEqualTo(before);
      assertThat(pypiServer.fileDownloads()).isZero();
      assertThat(dry)
          // Without python: or platforms:, markers hold on Windows too: winonly is in.
          .contains("pypi: dry run: would keep 3 packages in 3 files; fetch 3 files (")
          .contains("leaves out 1: blocked (lib==1.1)")
          .contains("leaves out 1: prerelease");
      run("sync", "--config", config.toString(), "--date", "2026-11-20");
      assertThat(pypiServer.fileDownloads()).isEqualTo(3);
    }
  }

  @Test
  void aPublishedDateIsReportedAsSuch() throws IOException {
    configure("packages: [app]");
    run("sync", "--config", config.toString(), "--date", "2026-11-20");
    assertThat(run("sync", "--dry-run", "--config", config.toString(), "--date", "2026-11-20"))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("cran: dry run: already published");
  }
}
