package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistFileTest {
  static final String SHA = "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274";

  static DistFile file(String filename) {
    return new DistFile(
        filename,
        "https://x/" + filename,
        new TreeMap<>(Map.of("sha256", SHA)),
        null,
        null,
        null,
        null,
        null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "../evil.whl",
        "a/b.whl",
        "a\\b.whl",
        "..whl",
        "x..tar.gz",
        ".hidden.tar.gz",
        "evil\n.tar.gz",
        "evil\r.tar.gz",
        "evil\u0000.whl",
        "evil\u007f.whl",
        "evil\u0085.whl",
        "/etc/passwd",
        "C:\\evil.exe"
      })
  void rejectsHostileFilenamesNamingThem(String filename) {
    assertThatThrownBy(() -> file(filename))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("file '")
        .hasMessageContaining("expected a plain file name")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsFilenamesLongerThan255Bytes() {
    assertThat(file("a".repeat(248) + ".tar.gz").filename()).hasSize(255);
    assertThatThrownBy(() -> file("a".repeat(249) + ".tar.gz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255 bytes");
    // Bytes, not characters: a file system limits the encoded name.
    assertThatThrownBy(() -> file("\u00e9".repeat(125) + ".tar.gz"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBadDigestsNamingTheFile() {
    assertThatThrownBy(() -> digests(Map.of("sha256", "xyz")))
        .hasMessageContaining("demo-1.0.tar.gz")
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> digests(Map.of("sha256", SHA.substring(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> digests(Map.of("SHA/256", SHA))).hasMessageContaining("[a-z0-9_]+");
    assertThatThrownBy(() -> digests(Map.of("sha256", "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsEmptyUrlsAndNegativeSizes() {
    assertThatThrownBy(
            () -> new DistFile("a-1.tar.gz", "", new TreeMap<>(), null, null, null, null, null))
        .hasMessageContaining("a-1.tar.gz");
    assertThatThrownBy(
            () -> new DistFile("a-1.tar.gz", "u\n", new TreeMap<>(), null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new DistFile("a-1.tar.gz", "u", new TreeMap<>(), null, null, null, -1L, null))
        .hasMessageContaining(">= 0");
  }

  @Test
  void canonicalizesDigestsRequiresPythonAndUploadTime() {
    DistFile f =
        new DistFile(
            "a-1.tar.gz",
            "u",
            new TreeMap<>(
                Map.of("sha256", SHA.toUpperCase(), "md5", "0123456789ABCDEF0123456789ABCDEF")),
            "  ",
            null,
            new TreeMap<>(),
            3L,
            Instant.parse("2025-01-10T00:00:00.123456789Z"));
    assertThat(f.hashes())
        .containsExactly(
            Map.entry("md5", "0123456789abcdef0123456789abcdef"), Map.entry("sha256", SHA));
    assertThat(f.requiresPython()).isNull();
    assertThat(f.coreMetadata()).isEmpty();
    assertThat(f.uploadTime()).isEqualTo(Instant.parse("2025-01-10T00:00:00.123456Z"));
    assertThatThrownBy(() -> f.hashes().put("sha1", "00"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void yankedWithoutReasonIsTheEmptyString() {
    DistFile f = file("a-1.tar.gz");
    assertThat(f.isYanked()).isFalse();
    DistFile yanked = new DistFile("a-1.tar.gz", "u", new TreeMap<>(), null, "", null, null, null);
    assertThat(yanked.isYanked()).isTrue();
  }

  @Test
  void withUrlKeepsEverythingElse() {
    DistFile f = file("a-1.tar.gz");
    DistFile moved = f.withUrl("../../../../pool/47/21/" + SHA + "/a-1.tar.gz");
    assertThat(moved.url()).startsWith("../../../../pool/");
    assertThat(moved.withUrl(f.url())).isEqualTo(f);
    assertThatThrownBy(() -> f.withUrl("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static DistFile digests(Map<String, String> hashes) {
    return new DistFile(
        "demo-1.0.tar.gz", "u", new TreeMap<>(hashes), null, null, null, null, null);
  }
}
