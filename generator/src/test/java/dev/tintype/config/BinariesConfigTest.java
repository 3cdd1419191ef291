package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinariesConfigTest {
  private static RepoConfig parse(String type, String binaries) throws ConfigException {
    String yaml =
        "storage: {filesystem: /s}\nrepos:\n  - name: c\n    type: "
            + type
            + "\n    upstream: 'https://x'\n"
            + (type.equals("pypi") ? "    projects: [a]\n" : "")
            + (type.equals("bioconductor") ? "    versions: ['3.20']\n" : "")
            + binaries;
    return ConfigLoader.parse(yaml, "tintype.yaml", Path.of("/etc/tintype")).repos().get(0);
  }

  private static void assertBad(String binaries, String message) {
    assertBad("cran", binaries, message);
  }

  private static void assertBad(String type, String binaries, String message) {
    assertThatThrownBy(() -> parse(type, binaries))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tintype.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void theBinariesOfTheDocsParse() throws ConfigException {
    RepoConfig r =
        parse(
            "cran",
            """
                binaries:
                  windows: ["4.4", "4.5"]
                  macos:
                    big-sur-arm64: ["4.5"]
                    big-sur-x86_64: ["4.4"]
                    legacy: ["4.2"]
            """);
    assertThat(r.binaries().windows()).containsExactly("4.4", "4.5");
    assertThat(r.binaries().macos())
        .isEqualTo(
            Map.of(
                "big-sur-arm64", List.of("4.5"),
                "big-sur-x86_64", List.of("4.4"),
                "legacy", List.of("4.2")));
  }

  @Test
  void withoutBinariesACranRepositoryMirrorsSourcesOnly() throws ConfigException {
    assertThat(parse("cran", "").binaries()).isEqualTo(Binaries.NONE);
    assertThat(parse("cran", "").binaries().isEmpty()).isTrue();
  }

  @Test
  void badBinariesAreRefusedNamingTheKey() {
    assertBad(
        "    binaries: {windows: ['4']}\n",
        "repos[0].binaries.windows[0] '4' is not an R minor version");
    assertBad(
        "    binaries: {windows: [4.10]}\n",
        "repos[0].binaries.windows[0] must be a quoted string such as \"4.4\"");
    assertBad("    binaries: {windows: '4.4'}\n", "repos[0].binaries.windows must be a list");
    assertBad(
        "    binaries: {windows: ['4.4', '4.4']}\n", "repos[0].binaries.windows[1] '4.4' repeats");
    assertBad(
        "    binaries: {macos: {big-sur-arm: ['4.5']}}\n",
        "repos[0].binaries.macos.big-sur-arm is not a macOS flavor CRAN publishes");
    assertBad("    binaries: {macos: ['4.5']}\n", "repos[0].binaries.macos must map macOS flavors");
    assertBad(
        "    binaries: {macos: {sonoma-arm64: ['4.6-1']}}\n",
        "repos[0].binaries.macos.sonoma-arm64[0] '4.6-1' is not an R minor version");
    assertBad("    binaries: {linux: ['4.4']}\n", "unknown key 'repos[0].binaries.linux'");
    assertBad(
        "pypi", "    binaries: {windows: ['4.4']}\n", "repos[0].binaries is only for type cran");
    assertBad(
        "bioconductor",
        "    binaries: {windows: ['4.4']}\n",
        "repos[0].binaries is only for type cran");
  }
}
