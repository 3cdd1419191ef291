package dev.tintype.format.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
  private static final String SHA = "a".repeat(64);

  private static Manifest sample(List<FileEntry> files) {
    return new Manifest(
        1,
        "cran",
        "cran",
        "2026-11-20",
        2,
        Map.of("b", "2", "a", "1"),
        files,
        List.of(new LinkEntry("src/contrib/x_1.0.tar.gz", "pool/aa/aa/" + SHA + "/x_1.0.tar.gz")),
        List.of(new FileEntry("pool/aa/aa/" + SHA + "/x_1.0.tar.gz", 10, SHA, "b".repeat(32))));
  }

  @Test
  void writingIsDeterministicWhateverTheInputOrder() {
    FileEntry a = new FileEntry("src/contrib/PACKAGES", 1, SHA, null);
    FileEntry b = new FileEntry("src/contrib/PACKAGES.gz", 2, SHA, null);
    assertThat(ManifestJson.write(sample(List.of(b, a))))
        .isEqualTo(ManifestJson.write(sample(List.of(a, b))));
  }

  @Test
  void aManifestSurvivesARoundTrip() throws IOException {
    Manifest m = sample(List.of(new FileEntry("src/contrib/PACKAGES", 1, SHA, null)));
    byte[] bytes = ManifestJson.write(m);
    assertThat(ManifestJson.read(new ByteArrayInputStream(bytes), "m")).isEqualTo(m);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"md5\" : null");
  }

  @Test
  void aManifestMissingARequiredKeyIsRefusedNamingIt() {
    String json =
        "{\"format\":1,\"repo\":\"cran\",\"type\":\"cran\",\"packages\":0,\"files\":[],\"pool\":[]}";
    assertThatThrownBy(
            () ->
                ManifestJson.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"))
        .hasMessageContaining("x.json")
        .hasMessageContaining("date");
  }

  @Test
  void aManifestWithTraversalIsRefused() {
    assertThatThrownBy(() -> new FileEntry("../etc/passwd", 1, SHA, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkEntry("src/x", "pool/../../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
