package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tintype purge} through {@link Main#run}: the root browsable page shows the purge. */
class PurgeCommandTest {
  private static final String REASON = "malware <script>alert(1)</script> \" onmouseover=\"x";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Path root;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    root = dir.resolve("root");
    CranUpstream upstream =
        new CranUpstream(dir.resolve("up"))
            .add(CranPackage.of("pkgA", "1.0"))
            .add(CranPackage.of("evil", "0.1"))
            .write();
    try (FakeUpstream server = FakeUpstream.serve(upstream.root());
        Rig rig = new Rig(new FileStorage(root))) {
      rig.sync(Rig.repo("cran", RepoType.CRAN, server.url()), "2026-11-20");
    }
    config =
        Files.writeString(
            dir.resolve("tintype.yaml"),
            "storage: {filesystem: '"
                + root
                + "'}\n"
                + "repos:\n"
                + "  - {name: cran, type: cran, upstream: 'https://cran.r-project.org'}\n");
  }

  private int purge(String... more) {
    String[] args = {
      "purge",
      "--config",
      config.toString(),
      "--repo",
      "cran",
      "--project",
      "evil",
      "--reason",
      REASON
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return Main.run(all, ps, ps, false);
  }

  @Test
  void aPurgeIsListedOnTheRootPageWithItsReasonEscaped() throws IOException {
    assertThat(Files.readString(root.resolve("index.html"))).doesNotContain("Purged files");

    assertThat(purge()).as(out.toString(StandardCharsets.UTF_8)).isZero();

    String html = Files.readString(root.resolve("index.html"));
    assertThat(html).doesNotContain("<script").doesNotContain("\" onmouseover");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("[onmouseover]")).isEmpty();
    assertThat(doc.select("h2#purges").text()).isEqualTo("Purged files");
    assertThat(doc.select("td").eachText()).contains("cran", REASON);
    assertThat(doc.select("td").text()).contains("evil_0.1.tar.gz");
    assertThat(doc.select("td code").eachText()).hasSize(1).allMatch(s -> s.length() == 64);
    assertThat(doc.select("a").eachAttr("href")).contains("cran/2026-11-20/");
  }

  @Test
  void aDryRunLeavesTheRootPageAsItWas() throws IOException {
    byte[] before = Files.readAllBytes(root.resolve("index.html"));

    assertThat(purge("--dry-run")).isZero();

    assertThat(Files.readAllBytes(root.resolve("index.html"))).isEqualTo(before);
  }

  @Test
  void withoutARootPageThePurgeWritesNone() throws IOException {
    Files.delete(root.resolve("index.html"));

    assertThat(purge()).isZero();

    assertThat(root.resolve("index.html")).doesNotExist();
    assertThat(Files.readString(root.resolve(".tintype/purges.json"))).contains("evil_0.1");
  }
}
