package dev.tintype.format.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonBytesTest {
  @Test
  void theBytesAreJacksonsIndentedTextWithLineFeedsAndAFinalNewline() throws Exception {
    String sha = "0123456789abcdef".repeat(4);
    List<FileEntry> files = new ArrayList<>();
    List<FileEntry> pool = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      files.add(new FileEntry("simple/p" + i + "/index.html", i, sha, null));
      pool.add(new FileEntry("pool/01/23/" + sha + "/p" + i + ".whl", 1000 + i, sha, null));
    }
    Manifest m =
        new Manifest(
            1,
            "pypi",
            "pypi",
            "2026-01-01",
            50,
            Map.of("z", "1", "a", "2"),
            files,
            List.of(new LinkEntry("src/contrib/x_1.0.tar.gz", pool.get(0).path())),
            pool);
    assertThat(new String(ManifestJson.write(m), StandardCharsets.UTF_8)).isEqualTo(jackson(m));
  }

  @Test
  void emptyListsNoPropertiesMd5sAndNonAsciiPathsMatchJacksonToo() throws Exception {
    String sha = "ab".repeat(32);
    Manifest m =
        new Manifest(
            1,
            "cran",
            "cran",
            "2026-01-02",
            1,
            Map.of(),
            List.of(
                new FileEntry("src/contrib/PACKAGES", 3, sha, "0123456789abcdef".repeat(2)),
                new FileEntry("src/contrib/Caf\u00e9 \"q\"", 0, sha, null)),
            List.of(),
            List.of());

    assertThat(new String(ManifestJson.write(m), StandardCharsets.UTF_8)).isEqualTo(jackson(m));
  }

  @Test
  void streamedEntriesOutOfOrderAreRefusedNamingBoth() {
    String sha = "cd".repeat(32);
    Manifest head = new Manifest(1, "pypi", "pypi", "2026-01-01", 0, null, null, null, null);
    List<FileEntry> files =
        List.of(
            new FileEntry("simple/b/index.html", 1, sha, null),
            new FileEntry("simple/a/index.html", 1, sha, null));

    assertThatThrownBy(
            () ->
                ManifestJson.write(head, files, List.of(), List.of(), new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'simple/a/index.html' after 'simple/b/index.html'");
  }

  private static String jackson(Manifest m) throws Exception {
    ObjectMapper plain =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    return plain.writeValueAsString(m).replace("\r\n", "\n") + "\n";
  }
}
