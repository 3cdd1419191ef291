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

class ManifestFilesTest {
  private static final String SHA = "0123456789abcdef".repeat(4);

  private static List<FileEntry> streamed(byte[] manifest) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    try (ManifestFiles f = ManifestFiles.open(new ByteArrayInputStream(manifest), "m.json")) {
      for (FileEntry e = f.next(); e != null; e = f.next()) {
        out.add(e);
      }
      assertThat(f.next()).isNull();
    }
    return out;
  }

  private static ManifestFiles open(String json) throws IOException {
    return ManifestFiles.open(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json");
  }

  @Test
  void theFilesComeOneByOneInPathOrderAsTheManifestHoldsThem() throws IOException {
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      files.add(
          new FileEntry("simple/p" + i + "/index.json", i, SHA, i == 3 ? "ab".repeat(16) : null));
    }
    Manifest m =
        new Manifest(
            1,
            "pypi",
            "pypi",
            "2026-01-01",
            20,
            Map.of("k", "v"),
            files,
            List.of(),
            List.of(new FileEntry("pool/01/23/" + SHA + "/x.whl", 5, SHA, null)));

    assertThat(streamed(ManifestJson.write(m))).isEqualTo(m.files());
  }

  @Test
  void thePoolListStreamsAfterTheFilesAndLinksItFollows() throws IOException {
    List<FileEntry> pool = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pool.add(new FileEntry("pool/01/23/" + SHA + "/x" + i + ".whl", i, SHA, null));
    }
    Manifest m =
        new Manifest(
            1,
            "pypi",
            "pypi",
            "2026-01-01",
            1,
            Map.of(),
            List.of(new FileEntry("simple/index.html", 3, SHA, null)),
            List.of(new LinkEntry("src/contrib/x0.whl", pool.get(0).path())),
            pool);
    List<FileEntry> out = new ArrayList<>();
    try (ManifestFiles f =
        ManifestFiles.openPool(new ByteArrayInputStream(ManifestJson.write(m)), "m.json")) {
      for (FileEntry e = f.next(); e != null; e = f.next()) {
        out.add(e);
      }
    }
    assertThat(out).isEqualTo(pool);
  }

  @Test
  void anEntryOutOfOrderIsRefusedNamingBothPaths() throws IOException {
    String e = "{\"path\":\"%s\",\"size\":1,\"sha256\":\"" + SHA + "\"}";
    try (ManifestFiles f =
        open("{\"format\":1,\"files\":[" + e.formatted("b") + "," + e.formatted("a") + "]}")) {
      assertThat(f.next().path()).isEqualTo("b");
      assertThatThrownBy(f::next)
          .isInstanceOf(IOException.class)
          .hasMessage("m.json: invalid manifest: files out of order: 'a' after 'b'");
    }
  }

  @Test
  void aManifestWithoutFilesOrWithABadEntryIsRefusedNamingIt() throws IOException {
    assertThatThrownBy(() -> open("{\"format\":1,\"pool\":[]}"))
        .hasMessage("m.json: invalid manifest: missing required key: files");
    assertThatThrownBy(() -> open("[1]"))
        .hasMessage("m.json: invalid manifest: expected an object");
    try (ManifestFiles f = open("{\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"zz\"}]}")) {
      assertThatThrownBy(f::next).hasMessageStartingWith("m.json: invalid manifest: ");
    }
    try (ManifestFiles f = open("{\"files\":[{\"path\":\"a\",\"size\":1,\"extra\":2}]}")) {
      assertThatThrownBy(f::next)
          .hasMessage("m.json: invalid manifest: unknown key 'extra' in a files entry");
    }
  }
}
