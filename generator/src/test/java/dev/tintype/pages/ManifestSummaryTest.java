package dev.tintype.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.format.manifest.LinkEntry;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.format.manifest.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestSummaryTest {
  private static final String SHA = "c".repeat(64);

  @Test
  void aSummaryCountsWhatTheWholeManifestCounts() throws IOException {
    Manifest m =
        new Manifest(
            Manifest.FORMAT,
            "pypi",
            "pypi",
            "2026-01-02",
            7,
            Map.of("size", "1"),
            List.of(new FileEntry("simple/index.html", 120, SHA, null)),
            List.of(new LinkEntry("p/a/a-1.whl", "pool/cc/cc/" + SHA + "/a-1.whl")),
            List.of(
                new FileEntry("pool/cc/cc/" + SHA + "/a-1.whl", 4000, SHA, null),
                new FileEntry("pool/cc/cc/" + SHA + "/a-2.whl", 5, SHA, "d".repeat(32))));
    ManifestSummary s =
        ManifestSummary.read(new ByteArrayInputStream(ManifestJson.write(m)), "m.json");
    assertThat(s).isEqualTo(new ManifestSummary("pypi", "pypi", "2026-01-02", 7, m.totalBytes()));
    assertThat(s.bytes()).isEqualTo(4125);
  }

  @Test
  void aManifestOfAnotherFormatIsRefused() {
    byte[] bad = "{\"format\":2,\"repo\":\"pypi\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestSummary.read(new ByteArrayInputStream(bad), "y.json"))
        .hasMessageContaining("y.json: invalid manifest: manifest format 2 is not supported");
  }

  @Test
  void aManifestWithoutItsPackageCountIsRefusedByName() {
    byte[] bad =
        "{\"repo\":\"pypi\",\"type\":\"pypi\",\"date\":\"2026-01-02\",\"files\":[],\"pool\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestSummary.read(new ByteArrayInputStream(bad), "x/manifest.json"))
        .hasMessageContaining("x/manifest.json: invalid manifest");
  }

  @Test
  void aKeptSummaryIsReadInsteadOfTheManifestAndOneNotOursIsMadeAgain() throws IOException {
    try (java.nio.file.FileSystem fs =
        com.google.common.jimfs.Jimfs.newFileSystem(com.google.common.jimfs.Configuration.unix())) {
      dev.tintype.storage.Storage storage = new dev.tintype.storage.FileStorage(fs.getPath("/m"));
      RepoName repo = new RepoName("pypi");
      SnapshotDate day = SnapshotDate.parse("2026-01-02");
      Manifest m =
          new Manifest(
              Manifest.FORMAT,
              "pypi",
              "pypi",
              "2026-01-02",
              7,
              Map.of(),
              List.of(new FileEntry("simple/index.html", 120, SHA, null)),
              List.of(),
              List.of(new FileEntry("pool/cc/cc/" + SHA + "/a-1.whl", 4000, SHA, null)));
      storage.put(Layout.manifest(repo, day), ManifestJson.write(m));
      ManifestSummary first = ManifestSummary.cached(storage, repo, day);
      assertThat(first.bytes()).isEqualTo(4120);
      assertThat(storage.exists(Layout.summary(repo, day))).isTrue();

      // The manifest is not read again: a later root page costs one small read per snapshot.
      storage.replace(
          Layout.manifest(repo, day), "not a manifest".getBytes(StandardCharsets.UTF_8));
      assertThat(ManifestSummary.cached(storage, repo, day)).isEqualTo(first);

      // A kept summary that is not one (or not this snapshot's) is made again from the manifest.
      storage.replace(Layout.manifest(repo, day), ManifestJson.write(m));
      storage.replace(Layout.summary(repo, day), "garbage".getBytes(StandardCharsets.UTF_8));
      assertThat(ManifestSummary.cached(storage, repo, day)).isEqualTo(first);
      storage.replace(
          Layout.summary(repo, day),
          "tintype-summary-1\tother\tpypi\t2026-01-02\t1\t1\n".getBytes(StandardCharsets.UTF_8));
      assertThat(ManifestSummary.cached(storage, repo, day)).isEqualTo(first);
    }
  }
}
