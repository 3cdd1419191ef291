package dev.tintype.format.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestLinksTest {
  private static final String SHA = "a".repeat(64);

  @Test
  void streamsTheLinksOfAWrittenManifestInPathOrder() throws IOException {
    List<LinkEntry> links =
        List.of(
            new LinkEntry("src/contrib/b_1.tar.gz", "pool/aa/b_1.tar.gz"),
            new LinkEntry("src/contrib/a_1.tar.gz", "pool/bb/a_1.tar.gz"));
    Manifest m =
        new Manifest(
            1,
            "cran",
            "cran",
            "2026-01-01",
            2,
            Map.of(),
            List.of(new FileEntry("src/contrib/PACKAGES", 1, SHA, null)),
            links,
            List.of(
                new FileEntry("pool/aa/b_1.tar.gz", 1, SHA, null),
                new FileEntry("pool/bb/a_1.tar.gz", 1, SHA, null)));
    List<LinkEntry> read = new ArrayList<>();
    try (ManifestLinks l =
        ManifestLinks.open(new ByteArrayInputStream(ManifestJson.write(m)), "m.json")) {
      for (LinkEntry e = l.next(); e != null; e = l.next()) {
        read.add(e);
      }
      assertThat(l.next()).isNull();
    }
    assertThat(read).isEqualTo(m.links());
  }

  @Test
  void linksOutOfOrderAreRefusedNamingTheManifest() throws IOException {
    String json =
        "{\"files\":[],\"links\":[{\"path\":\"b\",\"pool\":\"pool/x\"},"
            + "{\"path\":\"a\",\"pool\":\"pool/y\"}]}";
    try (ManifestLinks l =
        ManifestLinks.open(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json")) {
      assertThat(l.next().path()).isEqualTo("b");
      assertThatThrownBy(l::next)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("m.json: invalid manifest: links out of order");
    }
  }

  @Test
  void theDateOfAManifestIsReadWithoutItsEntries() throws IOException {
    String json = "{\"format\":1,\"repo\":\"cran\",\"files\":[{\"x\":1}],\"date\":\"2026-01-02\"}";
    assertThat(
            ManifestJson.date(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json"))
        .isEqualTo("2026-01-02");
    assertThatThrownBy(
            () ->
                ManifestJson.date(
                    new ByteArrayInputStream("{\"files\":[]}".getBytes(StandardCharsets.UTF_8)),
                    "m.json"))
        .hasMessageContaining("m.json: invalid manifest: missing required key: date");
  }

  @Test
  void aManifestWithoutLinksHasNone() throws IOException {
    String json = "{\"files\":[],\"pool\":[]}";
    try (ManifestLinks l =
        ManifestLinks.open(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json")) {
      assertThat(l.next()).isNull();
    }
  }
}
