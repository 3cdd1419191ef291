package dev.tintype.format.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
    ObjectMapper plain =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    String expected = plain.writeValueAsString(m).replace("\r\n", "\n") + "\n";

    assertThat(new String(ManifestJson.write(m), StandardCharsets.UTF_8)).isEqualTo(expected);
  }
}
