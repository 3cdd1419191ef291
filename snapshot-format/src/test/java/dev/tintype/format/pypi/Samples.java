package dev.tintype.format.pypi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small project page with every feature the writers support. */
final class Samples {
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "0123456789abcdef".repeat(4);
  static final String SHA_C = "c".repeat(64);
  static final String SHA_D = "d".repeat(64);
  static final String SHA_M = "e".repeat(64);

  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private Samples() {}

  static List<DistFile> files() {
    return List.of(
        new DistFile(
            "demo_pkg-1.0.0-py3-none-any.whl",
            pool(SHA_A, "demo_pkg-1.0.0-py3-none-any.whl"),
            digests("sha256", SHA_A),
            ">=3.8",
            null,
            digests("sha256", SHA_M),
            1234L,
            Instant.parse("2025-01-10T00:00:00Z")),
        new DistFile(
            "demo_pkg-1.0.0.tar.gz",
            pool(SHA_B, "demo_pkg-1.0.0.tar.gz"),
            new TreeMap<>(Map.of("sha256", SHA_B, "md5", "0123456789abcdef0123456789abcdef")),
            "<3,>=2.7",
            null,
            null,
            2048L,
            Instant.parse("2025-01-10T12:34:56.789012Z")),
        new DistFile(
            "demo-pkg-0.9.tar.gz",
            pool(SHA_C, "demo-pkg-0.9.tar.gz"),
            digests("sha256", SHA_C),
            null,
            "",
            null,
            99L,
            Instant.parse("2024-02-29T23:59:59.5Z")),
        new DistFile(
            "demo_pkg-1.1rc1-py3-none-any.whl",
            pool(SHA_D, "demo_pkg-1.1rc1-py3-none-any.whl"),
            digests("sha256", SHA_D),
            ">=3.9",
            "bad \"<>&' build",
            new TreeMap<>(),
            7L,
            null),
        new DistFile(
            "demo_pkg-2.0.dev1.zip",
            "https://files.example.org/demo_pkg-2.0.dev1.zip?a=1&b=2",
            new TreeMap<>(),
            null,
            null,
            null,
            null,
            null));
  }

  static ProjectPage page() {
    return new ProjectPage(new ProjectName("Demo.Pkg"), files(), 12345);
  }

  static String pool(String sha, String filename) {
    return "../../../../pool/"
        + sha.substring(0, 2)
        + "/"
        + sha.substring(2, 4)
        + "/"
        + sha
        + "/"
        + filename;
  }

  static TreeMap<String, String> digests(String name, String hex) {
    return new TreeMap<>(Map.of(name, hex));
  }

  static byte[] bytes(Writer writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out);
    return out.toByteArray();
  }

  static String string(Writer writer) throws IOException {
    return new String(bytes(writer), StandardCharsets.UTF_8);
  }
}
