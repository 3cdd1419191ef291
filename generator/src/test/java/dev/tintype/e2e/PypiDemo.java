package dev.tintype.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end tests of the demo PyPI upstream share. */
final class PypiDemo {
  private PypiDemo() {}

  /**
   * Writes {@code tintype.yaml} in {@code dir}: storage under {@code root}, and repository {@code
   * pypi} mirroring the demo's three projects from {@code upstream}.
   */
  static Path config(Path dir, Path root, String upstream) throws IOException {
    return Files.writeString(
        dir.resolve("tintype.yaml"),
        "storage: {filesystem: "
            + root
            + "}\nrepos:\n  - name: pypi\n    type: pypi\n    upstream: "
            + upstream
            + "\n    projects: [Demo.Pkg, tiny_dep, Other_Thing]\n");
  }

  /** A field of one file on a JSON project page; null when the file has no such field. */
  static String fileField(JsonNode page, String filename, String field) {
    for (JsonNode f : page.get("files")) {
      if (f.get("filename").asText().equals(filename)) {
        return f.has(field) ? f.get(field).asText() : null;
      }
    }
    throw new AssertionError(filename + " is not on the page");
  }
}
