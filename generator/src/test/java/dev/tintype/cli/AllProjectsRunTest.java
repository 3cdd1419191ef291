package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code projects: all} through the command line: {@code --dry-run} and {@code --shard}. */
class AllProjectsRunTest {
  private static final String FILTERS = ", platforms: [manylinux_2_28_x86_64]";

  @TempDir Path dir;
  private PypiUpstream pypi;
  private FakeUpstream server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws Exception {
    pypi = new PypiUpstream(dir.resolve("upstream"));
    for (int i = 0; i < 12; i++) {
      pypi.add("Proj." + i, PypiFile.wheel("proj-" + i, "1.0"));
    }
    pypi.add("plat", PypiFile.wheel("plat", "1.0").wheelTags("cp311-cp311-win_amd64"));
    pypi.add("plat", PypiFile.wheel("plat", "1.0").wheelTags("cp311-cp311-manylinux_2_17_x86_64"));
    pypi.write();
    server = FakeUpstream.serve(pypi.root());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path config(String name, String more) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(
        config,
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: pypi, type: pypi, upstream: '"
            + server.url()
            + "', projects: all"
            + more
            + "}]\n");
    return config;
  }

  private int run(String... args) {
    out.reset();
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private void ok(String... args) {
    assertThat(run(args)).as(String.join(" ", args) + "\n" + out + err).isZero();
  }

  private byte[] manifest(Path config, String date) throws Exception {
    String root = config.getFileName().toString().replace(".yaml", "");
    return Files.readAllBytes(dir.resolve(root + "/pypi/" + date + "/manifest.json"));
  }

  @Test
  void aDryRunCountsWhatTheNextSyncFetchesAndWhatTheFiltersDrop() throws Exception {
    Path config = config("root", FILTERS);
    ok("sync", "--config", config.toString(), "--date", "2026-11-20");
    pypi.add("Proj.3", PypiFile.wheel("proj-3", "2.0"));
    pypi.add("Proj.3", PypiFile.wheel("proj-3", "2.0").wheelTags("cp312-cp312-win_amd64"));
    pypi.add("newcomer", PypiFile.wheel("newcomer", "0.1")).write();
    server.resetCounts();

    ok("sync", "--dry-run", "--config", config.toString(), "--date", "2026-11-21");
    String dry = out.toString(StandardCharsets.UTF_8);
    assertThat(server.fileDownloads()).isZero();
    assertThat(dir.resolve("root/pypi/2026-11-21")).doesNotExist();
    Matcher m =
        Pattern.compile("pypi: dry run: would keep 14 packages in 15 files; fetch (\\d+) files")
            .matcher(dry);
    assertThat(m.find()).as(dry).isTrue();
    assertThat(m.group(1)).isEqualTo("2");
    assertThat(dry).contains("leaves out 1: platform win_amd64 is none of [manylinux_2_28_x86_64]");

    ok("sync", "--config", config.toString(), "--date", "2026-11-21");
    assertThat(server.fileDownloads()).isEqualTo(2);
    assertThat(new String(manifest(config, "2026-11-21"), StandardCharsets.UTF_8))
        .contains("\"curation.dropped.plat-1.0-cp311-cp311-win_amd64.whl\"")
        .contains("\"curation.dropped.proj_3-2.0-cp312-cp312-win_amd64.whl\"");
  }

  @Test
  void shardsEachTakeTheirShareOfTheRootIndexAndPublishGivesTheManifestOfASingleSync()
      throws Exception {
    Path single = config("single", FILTERS);
    Path sharded = config("sharded", FILTERS);
    String[] nights = {"2026-12-01", "2026-12-02"};
    for (String night : nights) {
      ok("sync", "--config", single.toString(), "--date", night);
      server.resetCounts();
      for (int i = 0; i < 3; i++) {
        ok(
            "sync",
            "--config",
            sharded.toString(),
            "--date",
            night,
            "--shard",
            i + "/3",
            "--run",
            "r-" + night);
      }
      int shardDownloads = server.fileDownloads();
      server.resetCounts();
      ok(
          "publish",
          "--config",
          sharded.toString(),
          "--date",
          night,
          "--run",
          "r-" + night,
          "--shards",
          "3");
      assertThat(server.fileDownloads()).as("publish downloads no file").isZero();
      assertThat(shardDownloads).as(night).isEqualTo(night.equals(nights[0]) ? 13 : 1);
      assertThat(manifest(sharded, night)).as(night).isEqualTo(manifest(single, night));
      pypi.add("Proj.5", PypiFile.wheel("proj-5", "2.0")).write();
    }
  }
}
