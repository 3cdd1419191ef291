package dev.tintype.format.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"extra\":1,|unknown manifest key 'extra'",
        "\"files\":[{\"path\":\"a\",\"size\":\"1\",\"sha256\":\"x\"}],|expected an integer for size, found a string",
        "\"files\":[{\"path\":\"a\",\"size\":null,\"sha256\":\"x\"}],|expected an integer for size, found null",
        "\"files\":[{\"path\":\"a\",\"sha256\":\"x\"}],|missing required key: size of a",
        "\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"x\",\"mode\":1}],|unknown key 'mode' in a files entry",
        "\"links\":[{\"path\":\"a\"}],|missing required key: pool of link a",
        "\"properties\":{\"k\":2},|expected a string for properties.k, found an integer"
      })
  void aManifestWithABadKeyOrValueIsRefusedSayingWhich(String field, String message) {
    String json =
        "{"
            + field
            + "\"format\":1,\"repo\":\"cran\",\"type\":\"cran\",\"date\":\"2026-01-01\","
            + "\"packages\":0,\"files\":[],\"pool\":[]}";
    assertThatThrownBy(
            () ->
                ManifestJson.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"))
        .hasMessageContaining("x.json: unreadable manifest")
        .hasMessageContaining(message);
  }

  @Test
  void aTruncatedManifestIsRefusedNamingTheFile() {
    byte[] whole =
        ManifestJson.write(
            new Manifest(1, "cran", "cran", "2026-01-01", 0, null, List.of(), null, List.of()));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> ManifestJson.read(new ByteArrayInputStream(cut), "cut.json"))
        .hasMessageContaining("cut.json: unreadable manifest");
  }

  @Test
  void aManifestWithTraversalIsRefused() {
    assertThatThrownBy(() -> new FileEntry("../etc/passwd", 1, SHA, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkEntry("src/x", "pool/../../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
