package dev.tintype.format.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class BrowsePagesTest {
  private static final String HOSTILE = "<script>alert(1)</script>";

  private static BrowsePages.Snapshot pypi(Optional<String> publicUrl) {
    return new BrowsePages.Snapshot(
        "pypi",
        "pypi",
        "2026-11-21",
        publicUrl,
        List.of(
            new BrowsePages.Group(
                "Projects",
                List.of(
                    new BrowsePages.Entry(HOSTILE, List.of("1.0\" onmouseover=\"x")),
                    new BrowsePages.Entry("requests", List.of("2.31.0", "2.32.3"))))));
  }

  private static String snapshot(BrowsePages.Snapshot s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BrowsePages.writeSnapshot(s, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String root(Optional<String> publicUrl) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BrowsePages.writeRoot(
        List.of(
            new BrowsePages.Repo(
                "cran",
                "cran",
                Optional.of("2026-11-21"),
                List.of(
                    new BrowsePages.Dated("2026-11-21", 3, 5_000_000),
                    new BrowsePages.Dated("2026-11-20", 2, 900)))),
        publicUrl,
        out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void hostileProjectNameAndVersionAreEscapedNotMarkup() throws IOException {
    String html = snapshot(pypi(Optional.empty()));
    assertThat(html).doesNotContain("<script").doesNotContain("\" onmouseover");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("[onmouseover]")).isEmpty();
    assertThat(doc.select("td").eachText()).contains(HOSTILE);
  }

  @Test
  void theRootPageListsEachPurgeWithItsHostileReasonEscaped() throws IOException {
    String sha = "ab".repeat(32);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BrowsePages.writeRoot(
        List.of(),
        List.of(
            new BrowsePages.Purge(
                "2026-12-01T10:00:00Z",
                "pypi",
                HOSTILE + "\" onmouseover=\"x",
                List.of(
                    java.util.Map.entry("pool/ab/ab/" + sha + "/evil-1.0.tar.gz", sha),
                    java.util.Map.entry("pool/ab/ab/" + sha + "/evil-1.0.tar.gz.metadata", sha)))),
        Optional.empty(),
        out);
    String html = out.toString(StandardCharsets.UTF_8);

    assertThat(html).doesNotContain("<script").doesNotContain("\" onmouseover");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("[onmouseover]")).isEmpty();
    assertThat(doc.select("h2#purges").text()).isEqualTo("Purged files");
    assertThat(doc.select("td").eachText())
        .contains("2026-12-01T10:00:00Z", "pypi", HOSTILE + "\" onmouseover=\"x");
    assertThat(doc.select("td code").eachText()).containsExactly(sha, sha);
    assertThat(html).contains("evil-1.0.tar.gz <code>").contains("evil-1.0.tar.gz.metadata <code>");
  }

  @Test
  void aRootPageWithoutPurgesHasNoPurgeSection() throws IOException {
    assertThat(Jsoup.parse(root(Optional.empty())).select("#purges")).isEmpty();
  }

  @Test
  void sameSnapshotGivesTheSameBytes() throws IOException {
    assertThat(snapshot(pypi(Optional.of("https://pkgs.example.org"))))
        .isEqualTo(snapshot(pypi(Optional.of("https://pkgs.example.org"))));
    assertThat(root(Optional.empty())).isEqualTo(root(Optional.empty()));
  }

  @Test
  void withoutPublicUrlLinksAreRelative() throws IOException {
    Document snap = Jsoup.parse(snapshot(pypi(Optional.empty())));
    assertThat(snap.select("a").eachAttr("href")).containsExactly("../../", "./simple/");
    assertThat(snap.select("pre").eachText())
        .contains("pip install --index-url /pypi/2026-11-21/simple/ PACKAGE");
    Document top = Jsoup.parse(root(Optional.empty()));
    assertThat(top.select("a").eachAttr("href"))
        .containsExactly("cran/latest/", "cran/2026-11-21/", "cran/2026-11-20/");
  }

  @Test
  void withPublicUrlLinksAndSetupLinesAreAbsolute() throws IOException {
    Document snap = Jsoup.parse(snapshot(pypi(Optional.of("https://pkgs.example.org"))));
    assertThat(snap.select("a").eachAttr("href"))
        .containsExactly(
            "https://pkgs.example.org/", "https://pkgs.example.org/pypi/2026-11-21/simple/");
    assertThat(snap.select("pre").eachText())
        .contains(
            "pip install --index-url https://pkgs.example.org/pypi/2026-11-21/simple/ PACKAGE",
            "pip config set global.index-url https://pkgs.example.org/pypi/2026-11-21/simple/",
            "poetry source add --priority=primary tintype"
                + " https://pkgs.example.org/pypi/2026-11-21/simple/");
    assertThat(snap.select("pre").eachText())
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("[[tool.uv.index]]")
                    .contains("url = \"https://pkgs.example.org/pypi/2026-11-21/simple/\""));
    Document top = Jsoup.parse(root(Optional.of("https://pkgs.example.org")));
    assertThat(top.select("a").eachAttr("href"))
        .containsExactly(
            "https://pkgs.example.org/cran/latest/",
            "https://pkgs.example.org/cran/2026-11-21/",
            "https://pkgs.example.org/cran/2026-11-20/");
  }

  @Test
  void rAndBioconductorPagesCarryTheirSetupLines() throws IOException {
    String u = "https://pkgs.example.org/cran/2026-11-21";
    assertThat(BrowsePages.setups("cran", u))
        .extracting(m -> m.get("code"))
        .contains("options(repos = c(CRAN = \"" + u + "\"))")
        .anyMatch(c -> c.contains("renv::lockfile_modify(repos = c(CRAN = \"" + u + "\"))"));
    String b = "https://pkgs.example.org/bioc/2026-11-21";
    assertThat(BrowsePages.setups("bioconductor", b))
        .extracting(m -> m.get("code"))
        .containsExactly(
            "export BIOCONDUCTOR_CONFIG_FILE=" + b + "/config.yaml",
            "options(BioC_mirror = \"" + b + "\")");
  }

  @Test
  void rootPageShowsEachSnapshotWithCountAndSize() throws IOException {
    Document top = Jsoup.parse(root(Optional.empty()));
    assertThat(top.select("tr").eachText()).contains("2026-11-21 3 4.8 MiB", "2026-11-20 2 900 B");
    assertThat(top.text()).contains("latest = 2026-11-21");
  }
}
